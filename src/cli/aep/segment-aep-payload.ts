/** The Segmentation Service payloads `segment export` writes and `segment import` reads (PQL reference §3). */

import type { EvaluationMethod } from '../../language/generated/ast.js';

/** `evaluationInfo`: continuous is AEP's name for streaming, synchronous for edge. */
export interface AepEvaluationInfo {
    batch?: { enabled?: boolean };
    continuous?: { enabled?: boolean };
    synchronous?: { enabled?: boolean };
}

export interface AepExpression {
    type: string;
    format: string;
    value: string;
}

/** The body of `POST /segment/definitions`, as `segment export --format aep` writes it. */
export interface AepSegmentDefinitionCreate {
    name: string;
    description?: string;
    expression: AepExpression & { type: 'PQL'; format: 'pql/text' };
    schema: { name: string };
    evaluationInfo: Required<AepEvaluationInfo>;
}

/**
 * A definition as AEP returns it, from `/segment/definitions` or `/audiences`: only the fields
 * `segment import` reads. Responses carry many more (imsOrgId, sandbox, creationTime, …).
 */
export interface AepSegmentDefinitionResponse {
    id?: string;
    audienceId?: string;
    name?: string;
    description?: string;
    expression?: Partial<AepExpression>;
    evaluationInfo?: AepEvaluationInfo;
}

/** Every definition segments are evaluated on: the profile, merged by the default policy. */
export const PROFILE_SCHEMA = { name: '_xdm.context.profile' };

/** All three keys, one enabled: AEP evaluates a definition by exactly one method. */
export function evaluationInfoFor(method: EvaluationMethod | undefined): Required<AepEvaluationInfo> {
    return {
        batch: { enabled: method === undefined || method === 'batch' },
        continuous: { enabled: method === 'streaming' },
        synchronous: { enabled: method === 'edge' },
    };
}

/** The method a response's `evaluationInfo` enables; edge wins over streaming, missing means batch. */
export function evaluationMethodOf(info: AepEvaluationInfo | undefined): EvaluationMethod {
    if (info?.synchronous?.enabled) {
        return 'edge';
    }
    if (info?.continuous?.enabled) {
        return 'streaming';
    }
    return 'batch';
}

/**
 * The definitions in a JSON document: one definition, a `GET /segment/definitions` page
 * (`{"segments": […]}`), an audiences page (`{"children": […]}`) or a plain array.
 * Returns undefined when the document is none of these.
 */
export function definitionsIn(document: unknown): AepSegmentDefinitionResponse[] | undefined {
    if (Array.isArray(document)) {
        return document.every(isObject) ? document : undefined;
    }
    if (!isObject(document)) {
        return undefined;
    }
    for (const key of ['segments', 'children']) {
        const list = document[key];
        if (Array.isArray(list)) {
            return list.every(isObject) ? list : undefined;
        }
    }
    return 'expression' in document || 'name' in document ? [document as AepSegmentDefinitionResponse] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
