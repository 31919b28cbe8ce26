import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One seed document of the fuzzer: where it came from (for reports) and its text. */
export interface SeedDocument {
    source: string;
    text: string;
}

/** The folders whose `.segment` and `.pql` files seed the mutations, relative to the repository. */
export const CORPUS_FOLDERS = ['examples', 'test/resources'];

/**
 * Every example and test resource, in a fixed order (the seed must reproduce the same run):
 * `.segment` files as they are, each expression of a `.pql` corpus wrapped in a segment, and the
 * `segment` code blocks of the README and docs/.
 */
export function loadCorpus(root: string): SeedDocument[] {
    const seeds: SeedDocument[] = [];
    for (const folder of CORPUS_FOLDERS) {
        for (const file of filesUnder(path.join(root, folder))) {
            const source = path.relative(root, file);
            const text = readFileSync(file, 'utf8');
            if (file.endsWith('.segment')) {
                seeds.push({ source, text });
            } else if (file.endsWith('.pql')) {
                seeds.push(...pqlExpressions(text).map((expression, i) => ({ source: `${source}#${i + 1}`, text: wrap(expression, i) })));
            }
        }
    }
    for (const file of ['README.md', ...filesUnder(path.join(root, 'docs')).map(f => path.relative(root, f))].filter(f => f.endsWith('.md'))) {
        const blocks = readFileSync(path.join(root, file), 'utf8').match(/```segment\n[\s\S]*?```/gu) ?? [];
        seeds.push(...blocks.map((block, i) => ({ source: `${file}#${i + 1}`, text: block.slice('```segment\n'.length, -3) })));
    }
    if (seeds.length === 0) {
        throw new Error(`No seed documents under ${CORPUS_FOLDERS.join(', ')} of ${root}`);
    }
    return seeds;
}

function filesUnder(folder: string): string[] {
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch {
        return [];
    }
    return entries
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap(entry => {
            const full = path.join(folder, entry.name);
            return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
        });
}

/** The `<n>. <expression>` lines of a corpus file (comments start with `#`). */
function pqlExpressions(text: string): string[] {
    return text.split('\n').map(line => /^\d+\.\s+(.*)$/u.exec(line)?.[1]).filter((e): e is string => !!e);
}

function wrap(expression: string, index: number): string {
    return `segment corpus_${index + 1} {\n    name: "Corpus ${index + 1}"\n    where: ${expression}\n}\n`;
}
