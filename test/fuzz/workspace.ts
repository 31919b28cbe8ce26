import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The folders documents are opened in: each has its own `segment.config.json` (or none). */
export const PROJECTS = ['plain', 'corpus', 'bomb'] as const;
export type Project = typeof PROJECTS[number];

/** Depth and fan-out of the `$ref` bomb of issue 15: 4^18 paths if each `$ref` is expanded where it is used. */
export const BOMB_LEVELS = 18;
export const BOMB_FAN_OUT = 4;

/**
 * A temporary workspace: `plain/` uses the bundled schema, `corpus/` the test resources' schemas,
 * and `bomb/` a 3.5 KB schema in which each definition `$ref`s the previous one four times,
 * 18 levels deep (loaded by the server as soon as a document of that folder is opened).
 */
export function createWorkspace(root: string): { folder: string; dispose: () => void } {
    const folder = mkdtempSync(path.join(tmpdir(), 'segment-fuzz-'));
    mkdirSync(path.join(folder, 'plain'));
    cpSync(path.join(root, 'test/resources/schemas'), path.join(folder, 'corpus'), { recursive: true });
    mkdirSync(path.join(folder, 'bomb'));
    writeFileSync(path.join(folder, 'bomb', 'segment.config.json'), JSON.stringify({ schema: 'bomb.schema.json', eventSchema: 'bomb.schema.json' }));
    writeFileSync(path.join(folder, 'bomb', 'bomb.schema.json'), JSON.stringify(refBomb(BOMB_LEVELS, BOMB_FAN_OUT)));
    return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

/** `level0` is a leaf object; `levelN` has `fanOut` properties, each a `$ref` to `levelN-1`; `person` is the top. */
export function refBomb(levels: number, fanOut: number): object {
    const definitions: Record<string, object> = { level0: { type: 'object', properties: { leaf: { type: 'string' } } } };
    for (let level = 1; level <= levels; level++) {
        const properties = Object.fromEntries(Array.from({ length: fanOut }, (_, i) => [`f${i}`, { $ref: `#/definitions/level${level - 1}` }]));
        definitions[`level${level}`] = { type: 'object', properties };
    }
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'A $ref bomb',
        type: 'object',
        definitions,
        properties: { person: { $ref: `#/definitions/level${levels}` }, _id: { type: 'string' }, timestamp: { type: 'string', format: 'date-time' } },
    };
}
