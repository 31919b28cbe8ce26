import type { ValidationChecks } from 'langium';
import type { SegmentAstType } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import { SegmentDeclarationValidation } from './segment-declaration-validation.js';
import { SegmentReferenceValidation } from './segment-reference-validation.js';

/**
 * The one table of validation rules, keyed by AST type. Each rule is a method named as the sentence
 * it enforces; each concern lives in its own file and reports codes from segment-diagnostics.ts.
 */
export function registerValidationChecks(services: SegmentServices): void {
    const registry = services.validation.ValidationRegistry;
    const declarations = new SegmentDeclarationValidation();
    const references = new SegmentReferenceValidation(services);
    const checks: ValidationChecks<SegmentAstType> = {
        SegmentDefinition: [
            declarations.segmentMustHaveCondition,
            declarations.propertiesMustNotRepeat,
            declarations.aepIdMustBeUuid,
            references.segmentIdMustBeUniqueInWorkspace,
            references.segmentMustNotDependOnItself,
        ],
        LogicalExpression: declarations.operatorsMustBePql,
        ComparisonExpression: declarations.operatorsMustBePql,
        StringLiteral: declarations.stringsShouldUseDoubleQuotes,
        OccursExpression: declarations.occursMustBeFollowedByTime,
    };
    registry.register(checks, declarations);
    registry.register({}, references);
}
