import type { ValidationChecks } from 'langium';
import type { SegmentAstType } from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import { SegmentDeclarationValidation } from './segment-declaration-validation.js';
import { SegmentReferenceValidation } from './segment-reference-validation.js';
import { SegmentContradictionValidation } from './segment-contradiction-validation.js';
import { SegmentEligibilityValidation } from './segment-eligibility-validation.js';
import { SegmentEnumValidation } from './segment-enum-validation.js';
import { SegmentFieldValidation } from './segment-field-validation.js';
import { SegmentFunctionValidation } from './segment-function-validation.js';
import { SegmentTestValidation } from './segment-test-validation.js';
import { SegmentRegexValidation } from './segment-regex-validation.js';
import { SegmentTypeValidation } from './segment-type-validation.js';

/**
 * The one table of validation rules, keyed by AST type. Each rule is a method named as the sentence
 * it enforces; each concern lives in its own file and reports codes from segment-diagnostics.ts.
 */
export function registerValidationChecks(services: SegmentServices): void {
    const registry = services.validation.ValidationRegistry;
    const declarations = new SegmentDeclarationValidation();
    const references = new SegmentReferenceValidation(services);
    const regex = new SegmentRegexValidation();
    const checks: ValidationChecks<SegmentAstType> = {
        SegmentDefinition: [
            declarations.segmentMustHaveCondition,
            declarations.propertiesMustNotRepeat,
            declarations.segmentIdMustBeAscii,
            declarations.aepIdMustBeUuid,
            references.segmentIdMustBeUniqueInWorkspace,
            references.segmentMustNotDependOnItself,
        ],
        LogicalExpression: declarations.operatorsMustBePql,
        ComparisonExpression: [declarations.operatorsMustBePql, regex.matchedPatternMustCompile],
        MemberAccess: regex.methodPatternMustCompile,
        StringLiteral: declarations.stringsShouldUseDoubleQuotes,
        OccursExpression: declarations.occursMustBeFollowedByTime,
    };
    registry.register(checks, declarations);
    registerSchemaChecks(services);
    registry.register({}, references);
    registerTestChecks(services);
}

/** Rules about `test` declarations (docs/testing.md). */
function registerTestChecks(services: SegmentServices): void {
    const tests = new SegmentTestValidation(services);
    const checks: ValidationChecks<SegmentAstType> = {
        SegmentFile: tests.testNamesMustBeUniqueInFile,
        SegmentTest: [
            tests.testMustBeComplete, tests.propertiesMustNotRepeat, tests.nowMustBeInstant,
            tests.expectedIdsMustNameProfiles, tests.profileFieldsMustExistInSchema,
        ],
    };
    services.validation.ValidationRegistry.register(checks, tests);
}

/** Schema- and type-aware rules (fields, functions, types, enums, contradictions). */
function registerSchemaChecks(services: SegmentServices): void {
    const fields = new SegmentFieldValidation(services);
    const functions = new SegmentFunctionValidation(services);
    const types = new SegmentTypeValidation(services);
    const enums = new SegmentEnumValidation(services);
    const logic = new SegmentContradictionValidation(services);
    const eligibility = new SegmentEligibilityValidation();
    const checks: ValidationChecks<SegmentAstType> = {
        SegmentDefinition: eligibility.declaredEvaluationMustBeEligible,
        NameReference: fields.fieldPathMustExistInSchema,
        UpReference: fields.fieldPathMustExistInSchema,
        MemberAccess: [fields.memberMustExistInSchema, functions.methodMustExist, enums.methodArgumentMustBeInEnum],
        FunctionCall: functions.functionMustExist,
        ComparisonExpression: [types.comparisonOperandsMustHaveCompatibleTypes, enums.comparedValueMustBeInEnum],
        ArithmeticExpression: types.arithmeticOperandsMustBeNumbers,
        NegationExpression: types.negatedValueMustBeNumber,
        OccursExpression: types.occursSubjectMustBeTimestamp,
        ExpressionRef: types.timeReferenceMustBeTime,
        Declaration: types.iterationSourceMustBeArray,
        AggregationExpression: types.aggregatedValuesMustBeNumbers,
        LogicalExpression: logic.conjunctionMustBeSatisfiable,
    };
    services.validation.ValidationRegistry.register(checks);
}
