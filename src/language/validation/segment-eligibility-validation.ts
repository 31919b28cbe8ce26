import type { ValidationAcceptor } from 'langium';
import type { SegmentDefinition } from '../generated/ast.js';
import { eligibleMethods } from '../typing/segment-eligibility.js';
import { report } from './segment-diagnostics.js';

/** Rules about the declared evaluation method (reference §4): a streaming or edge segment must qualify. */
export class SegmentEligibilityValidation {

    declaredEvaluationMustBeEligible(segment: SegmentDefinition, accept: ValidationAcceptor): void {
        const method = segment.evaluation;
        if (method !== 'streaming' && method !== 'edge') {
            return;
        }
        const verdict = eligibleMethods(segment)[method];
        if (!verdict.eligible) {
            report(accept, method === 'streaming' ? 'eligibility/streaming' : 'eligibility/edge',
                `Segment '${segment.name}' is declared '${method}' but does not qualify: ${verdict.reason}`,
                { node: segment, property: 'evaluation' });
        }
    }
}
