import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';

/** One entry of the diagnostics catalog: the single source for messages' severity, docs and SARIF rules. */
export interface DiagnosticDefinition {
    severity: 'error' | 'warning' | 'info' | 'hint';
    /** Short name of the rule, a sentence fragment. */
    title: string;
    /** What the diagnostic means, for users (docs, SARIF help, hover). */
    help: string;
    /** A `where:` condition (or a whole file when it starts with `segment`) that triggers the diagnostic. */
    example: string;
    /** How to fix it. */
    fix: string;
}

/**
 * The diagnostics catalog. Codes are stable: tools (CI, SARIF, quick fixes) key on them.
 * `syntax/…` codes are lexer and parser errors; every other prefix is a semantic check.
 * docs/diagnostics.md is generated from this table (`npm run docs`), and a test keeps them in sync.
 */
export const DIAGNOSTICS = {
    'syntax/unexpected-character': {
        severity: 'error',
        title: 'Unexpected character',
        help: 'The character cannot start any token of the language.',
        example: 'person.age > 30 # comment',
        fix: 'Remove the character. Comments are written `//` or `/* … */`.',
    },
    'syntax/unclosed-string': {
        severity: 'error',
        title: 'Unclosed string',
        help: 'A string literal starts with `"` but the line ends before its closing quote. Strings cannot span lines.',
        example: 'inSegment("7deb246a-49b4-4687-95f9-6316df049948) and person.age > 3',
        fix: 'Add the closing `"`; write an embedded quote as `\\"`.',
    },
    'syntax/curly-quote': {
        severity: 'error',
        title: 'Typographic quote',
        help: 'Typographic quotes (“ ” ‘ ’), often pasted from documents, do not delimit strings.',
        example: 'homeAddress.stateProvinceISO = “CA"',
        fix: 'Replace them with straight double quotes `"`.',
    },
    'syntax/parse': {
        severity: 'error',
        title: 'Syntax error',
        help: 'The text does not follow the grammar of `.segment` files and PQL. The message says what was expected.',
        example: 'person.age > 30 and',
        fix: 'Complete or correct the expression at the reported position.',
    },
    'syntax/foreign-operator': {
        severity: 'error',
        title: 'Operator from another language',
        help: 'PQL writes equality as `=`, conjunction as `and` and disjunction as `or`; `==`, `&&` and `||` are not PQL.',
        example: 'person.gender == "female" && person.birthYear > 1990',
        fix: 'Use `=`, `and`, `or` (a quick fix does it).',
    },
    'syntax/expected-time': {
        severity: 'error',
        title: 'Not a time after occurs',
        help: "`occurs` is followed by a time: a comparison with an amount and unit ('<= 30 days before now'), a direction ('before today'), 'between … and …', or a reference ('last month', 'yesterday', date(2024, 1, 31), a timestamp field).",
        example: 'person.birthDate occurs since today',
        fix: "Use one of the time forms, e.g. 'occurs <= 7 days before now' or 'occurs after date(2024, 1, 1)'.",
    },
    'syntax/single-quoted-string': {
        severity: 'warning',
        title: 'Single-quoted string',
        help: 'PQL strings are double-quoted; single quotes appear once in Adobe\'s docs and may be rejected by AEP.',
        example: 'homeAddress.countryISO = \'US\'',
        fix: 'Use double quotes (a quick fix does it).',
    },
    'segment/missing-condition': {
        severity: 'error',
        title: 'Segment without condition',
        help: 'Every segment needs a `where:` property holding its PQL condition.',
        example: 'segment empty {\n    name: "No condition"\n}',
        fix: 'Add `where: <PQL expression>`.',
    },
    'segment/duplicate-property': {
        severity: 'error',
        title: 'Property given twice',
        help: 'Each of `name`, `description`, `evaluation`, `aepId` and `where` may appear once per segment; the later one would silently win.',
        example: 'segment twice {\n    name: "A"\n    name: "B"\n    where: person.birthYear > 1980\n}',
        fix: 'Remove one of them.',
    },
    'segment/duplicate-id': {
        severity: 'error',
        title: 'Segment id used twice',
        help: 'Segment ids are unique across the workspace, since `inSegment("id")` must name exactly one segment.',
        example: 'segment vip { where: loyalty.tier = "gold" }\nsegment vip { where: loyalty.tier = "platinum" }',
        fix: 'Rename one of the segments (rename updates its references).',
    },
    'segment/invalid-aep-id': {
        severity: 'warning',
        title: 'AEP id is not a UUID',
        help: 'AEP segment definition and audience ids are UUIDs; `aepId` is used by `segment export` to rewrite `inSegment` references.',
        example: 'segment s {\n    aepId: "not-a-uuid"\n    where: person.birthYear > 1980\n}',
        fix: 'Copy the id from AEP (`GET /segment/definitions`), e.g. `e3be6d7f-1727-401f-a41e-c296b45f607a`.',
    },
    'reference/unknown-segment': {
        severity: 'error',
        title: 'Unknown segment',
        help: '`inSegment("…")` names no segment of the workspace (by id or by name). A UUID-shaped argument is an AEP audience id and is not checked.',
        example: 'inSegment("vip_customerz")',
        fix: 'Use the id of a segment of the workspace (completion lists them), or the AEP audience UUID.',
    },
    'reference/cycle': {
        severity: 'error',
        title: 'Segments depend on each other',
        help: 'A segment reaches itself through `inSegment` references, so its membership cannot be computed.',
        example: 'segment a { where: inSegment("b") }\nsegment b { where: inSegment("a") }',
        fix: 'Break the cycle: one of the segments must not depend on the other.',
    },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/** Data attached to diagnostics for quick fixes (`Diagnostic.data`). */
export interface SegmentDiagnosticData {
    /** Replacement text offered by a quick fix, applied to the diagnostic's range. */
    replacement?: string;
    /** Candidate replacements ("did you mean"), best first. */
    suggestions?: string[];
}

/** Reports a catalogued diagnostic: severity and code come from the catalog, the message from the rule. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, code: DiagnosticCode, message: string, info: DiagnosticInfo<N>,
    data?: SegmentDiagnosticData,
): void {
    accept(DIAGNOSTICS[code].severity, message, { ...info, code, ...(data ? { data } : {}) });
}
