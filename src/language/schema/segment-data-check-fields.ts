/**
 * The fields a run checks for suspicious data (engine/data/segment-data-warnings.ts): the number
 * and date/date-time fields of the XDM schema — the fields a segment can read as numbers or
 * timestamps — as dotted paths from the profile, the experience events under `xEvent`.
 */
import type { DataCheckFields } from '../../engine/data/segment-data-warnings.js';
import { isNumeric, isTemporal, type PqlType } from '../typing/segment-types.js';

/** Nesting followed at most, and fields listed at most: a generous bound on a user's schema. */
const MAX_DEPTH = 24;
const MAX_FIELDS = 5_000;

export function dataCheckFields(profile: PqlType, event: PqlType): DataCheckFields {
    const numbers: string[] = [];
    const timestamps: string[] = [];
    const visit = (type: PqlType, path: string, depth: number): void => {
        if (numbers.length + timestamps.length >= MAX_FIELDS || depth > MAX_DEPTH) {
            return;
        }
        if (type.kind === 'array') {
            visit(type.element, path, depth + 1);
        } else if (type.kind === 'object') {
            for (const [name, field] of type.fields) {
                if (!(path === '' && name === 'xEvent')) {
                    visit(field.type, path ? `${path}.${name}` : name, depth + 1);
                }
            }
        } else if (isNumeric(type) && path) {
            numbers.push(path);
        } else if (isTemporal(type) && path) {
            timestamps.push(path);
        }
    };
    visit(profile, '', 0);
    visit(event, 'xEvent', 1);
    return { numbers, timestamps };
}
