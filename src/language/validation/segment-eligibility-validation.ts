import type { ValidationAcceptor } from 'langium';
import type { SegmentDefinition } from '../generated/ast.js';
import { eligibleMethods } from '../typing/segment-eligibility.js';
import { report } from './segment-diagnostics.js';
import { segmentEvaluationProperty } from '../segment-properties.js';

/** Rules about the declared evaluation method (reference §4): a streaming or edge segment must qualify. */
export class SegmentEligibilityValidation {

    declaredEvaluationMustBeEligible(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        const property = segmentEvaluationProperty(segment);
        const method = property?.evaluation;
        if (!property || (method !== 'streaming' && method !== 'edge')) {
            return;
        }
        const verdict = eligibleMethods(segment)[method];
        if (!verdict.eligible) {
            report(accept, method === 'streaming' ? 'eligibility/streaming' : 'eligibility/edge',
                `Segment '${segment.name}' is declared '${method}' but does not qualify: ${verdict.reason}`,
                { node: property, property: 'evaluation' });
        }
    }
}
