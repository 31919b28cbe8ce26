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
    /** The example's full text, when the example shown abbreviates it (a condition thousands of operands long). */
    fullExample?: () => string;
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
    'syntax/too-deep': {
        severity: 'error',
        title: 'Condition too deep to analyse',
        help: 'A condition nests more than 1,000 levels deep (each operand of an `and`/`or` chain and each step of a member path is one level; so is each parenthesis or `not`, of which a few hundred inside one another are too many). The file is not analysed further: every later check, the formatter and the evaluator would have to follow the nesting.',
        example: 'segment deep {\n    where: person.birthYear > 0 or person.birthYear > 1 or … (2,000 operands)\n}',
        fullExample: () => `segment deep {\n    where: ${Array.from({ length: 2_000 }, (_, i) => `person.birthYear > ${i}`).join(' or ')}\n}`,
        fix: 'Split the condition into segments combined with `inSegment("…")`, or list values with `in [ … ]` instead of chaining comparisons with `or`.',
    },
    'syntax/too-large': {
        severity: 'error',
        title: 'File too large to analyse',
        help: 'A file has more than 1 MiB of text (1,048,576 characters). It is not analysed: parsing costs about 200 bytes of memory per character, and an edit holds the old syntax tree beside the new one, so larger files would crowd the language server\'s 1 GiB heap (docs/reliability.md).',
        example: 'segment s0 { where: person.birthYear > 0 }\nsegment s1 { where: person.birthYear > 1 }\n… (25,000 segments)',
        fullExample: () => Array.from({ length: 25_000 }, (_, i) => `segment s${i} { where: person.birthYear > ${i} }`).join('\n'),
        fix: 'Split the file\'s segments across files of at most 1 MiB; `inSegment("…")` references work across files.',
    },
    'syntax/too-many-errors': {
        severity: 'error',
        title: 'Too many syntax errors to analyse',
        help: 'A file has more than 100 syntax errors. The first 100 are reported and the file is not analysed further: each error costs the parser work and the editor a diagnostic, and what follows so many errors is rarely PQL (a pasted log, a binary file, a run of operators).',
        example: 'segment s {\n    where: person.birthYear % % % % … (200 `%`)\n}',
        fullExample: () => `segment s {\n    where: person.birthYear ${'% '.repeat(200)}\n}`,
        fix: 'Fix the first errors, or check that the file is a .segment file.',
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
    'segment/non-ascii-id': {
        severity: 'error',
        title: 'Segment id with non-ASCII letters',
        help: 'Segment ids are ASCII letters, digits and `_` (they become identifiers in AEP payloads and file names); an accented or non-Latin letter is not allowed in an id. Display names (`name: "…"`) may use any character.',
        example: 'segment clients_fidèles { where: person.birthYear > 1980 }',
        fix: 'Use the ASCII spelling (a quick fix proposes one, e.g. `clients_fideles`) and keep the accented form in `name: "…"`.',
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
    'reference/empty-segment-id': {
        severity: 'warning',
        title: 'Empty segment id',
        help: '`inSegment("")` names no segment yet: the id is still being typed (editors close the quote as soon as it is opened). It is a warning, not an unknown-segment error, until the string has content.',
        example: 'inSegment("")',
        fix: 'Type the id of a segment of the project between the quotes (completion lists them), or an AEP audience UUID.',
    },
    'reference/cycle': {
        severity: 'error',
        title: 'Segments depend on each other',
        help: 'A segment reaches itself through `inSegment` references, so its membership cannot be computed.',
        example: 'segment a { where: inSegment("b") }\nsegment b { where: inSegment("a") }',
        fix: 'Break the cycle: one of the segments must not depend on the other.',
    },
    'reference/unbound-variable': {
        severity: 'error',
        title: 'Unbound variable',
        help: 'A path starts with a name that no `select`, `exists`, `forall`, aggregation, `let` or lambda declares, and that is not a field of the profile (or of the element in context).',
        example: 'chain(xEvent, timestamp, [X: WHAT(var1.eventType = "commerce.purchases")])',
        fix: 'Declare the variable (`select var1 from xEvent where …`) or, inside `WHAT(…)`/`xEvent[…]`, write the event field directly (`eventType = …`).',
    },
    'schema/unknown-field': {
        severity: 'error',
        title: 'Unknown field',
        help: 'The path names a field that the XDM schema in effect does not have (the bundled schema, or the one named by segment.config.json / the `segment.schema.path` setting). AEP rejects such definitions.',
        example: 'person.brthYear > 1980',
        fix: 'Correct the field name (a quick fix offers the closest names) or add the field to your schema and point segment.config.json at it.',
    },
    'schema/enum-value': {
        severity: 'error',
        title: 'Value not allowed by the enum',
        help: 'The field is a closed enum (`enum` in the schema) and the string is not one of its values, so the comparison can never be true.',
        example: 'person.gender = "f"',
        fix: 'Use one of the allowed values (completion lists them).',
    },
    'schema/soft-enum-value': {
        severity: 'warning',
        title: 'Value not among the suggested values',
        help: 'The field suggests values (`meta:enum`, such as the standard `eventType`s) and the string is not one of them. Custom values are allowed, but a typo silently matches nothing.',
        example: 'xEvent[eventType = "commerce.purchase"]',
        fix: 'Use a suggested value, or keep the custom value if your data really contains it.',
    },
    'function/unknown': {
        severity: 'error',
        title: 'Unknown function',
        help: 'PQL has no function or method of this name (reference §2).',
        example: 'personalEmail.address.startWith("a")',
        fix: 'Correct the name (did-you-mean suggestions are given); completion after `.` lists the methods valid for the value.',
    },
    'function/arity': {
        severity: 'error',
        title: 'Wrong number of arguments',
        help: 'The function or method is called with fewer or more arguments than it takes.',
        example: 'date(2024, 1)',
        fix: 'Pass the arguments the signature shows (hover the function name).',
    },
    'type/mismatch': {
        severity: 'error',
        title: 'Type mismatch',
        help: 'An operand or argument has a type the operation cannot use: `<` on strings, a string compared with a number, `occurs` on a non-timestamp, `in` against a non-array, a sum of strings, a string method on an object.',
        example: 'person.name.firstName > 3',
        fix: 'Use a field of the right type or the operation meant for this type (`occurs` for times, string methods for strings).',
    },
    'regex/invalid': {
        severity: 'error',
        title: 'Invalid regular expression',
        help: 'PQL regular expressions are Java patterns (`java.util.regex.Pattern`); this one does not compile in Java (an unclosed group or class, a dangling `*`, an unknown escape or property, a look-behind without a maximum length …). A run would never match it.',
        example: 'personalEmail.address matches "(gmail|outlook"',
        fix: 'Correct the pattern; remember that a backslash is doubled inside a PQL string (`"\\\\d"`).',
    },
    'regex/unsupported': {
        severity: 'error',
        title: 'Regular expression the evaluator cannot run',
        help: 'The pattern is valid Java, but uses a construct the evaluator does not implement (`\\X`, `\\N{…}`, `\\b{g}`, Unicode blocks `\\p{InGreek}`, the `(?U)` flag) or expands to more than 20,000 steps (`(a{1000}){1000}`). `segment run` refuses it and it never matches there.',
        example: 'person.name.firstName matches "\\\\p{InGreek}+"',
        fix: 'Rewrite it without the construct: a script `\\p{IsGreek}` instead of a block, explicit classes instead of `\\X`, smaller repetition counts.',
    },
    'logic/contradiction': {
        severity: 'warning',
        title: 'Condition is always false',
        help: 'Comparisons joined by `and` constrain the same single-valued field in incompatible ways, so no profile can ever qualify.',
        example: 'person.birthYear > 2000 and person.birthYear < 1990',
        fix: 'Correct the bounds or values; perhaps `or` was meant.',
    },
    'eligibility/streaming': {
        severity: 'warning',
        title: 'Not eligible for streaming',
        help: 'The segment declares `evaluation: streaming`, but its condition does not match a streaming shape (reference §4.2, rules effective 2025-05-20): profile attributes only, or events within a window under 24 hours, optionally with profile attributes. AEP would evaluate it in batch.',
        example: 'segment s {\n    evaluation: streaming\n    where: xEvent[eventType = "commerce.purchases" and timestamp occurs <= 30 days before now]\n}',
        fix: 'Confine every event condition to 24 hours (`WHEN(<= 24 hours before now)`, `occurs today`), split it into separate audiences combined with `inSegment`, or declare `evaluation: batch`.',
    },
    'eligibility/edge': {
        severity: 'warning',
        title: 'Not eligible for edge',
        help: 'The segment declares `evaluation: edge`, but its condition does not match an edge shape (reference §4.4): a single event within 24 hours, profile attributes only, both, or a segment of segments.',
        example: 'segment s {\n    evaluation: edge\n    where: chain(xEvent, timestamp, [A: WHAT(eventType = "commerce.checkouts"), B: WHAT(eventType = "commerce.purchases")])\n}',
        fix: 'Reduce the condition to one event within 24 hours (plus profile attributes), or declare `evaluation: streaming` or `batch`.',
    },
    'test/missing-segment': {
        severity: 'error',
        title: 'Test without segment',
        help: 'A `test` declaration names the segment it tests with `segment: <id>` (docs/testing.md).',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    now: "2026-11-01T12:00:00Z"\n    profile: { "_id": "a" }\n    expect: match\n}',
        fix: 'Add `segment: <id>` (completion lists the segments of the workspace).',
    },
    'test/missing-now': {
        severity: 'error',
        title: 'Test without pinned now',
        help: 'A test pins the instant `now` it runs at, so that time windows (`occurs <= 30 days before now`, `this year`) give the same result on every day it runs.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    profile: { "loyalty": { "tier": "gold" } }\n    expect: match\n}',
        fix: 'Add `now: "2026-11-01T12:00:00Z"` (any ISO-8601 instant).',
    },
    'test/invalid-now': {
        severity: 'error',
        title: 'Test now is not an instant',
        help: '`now:` of a test must be an ISO-8601 date or instant; without an offset it is read as UTC.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "yesterday"\n    profile: { "loyalty": { "tier": "gold" } }\n    expect: match\n}',
        fix: 'Write an instant such as `"2026-11-01T12:00:00Z"`.',
    },
    'test/invalid-time-zone': {
        severity: 'error',
        title: 'Unknown time zone in a test',
        help: '`timeZone:` of a test must be an IANA time zone name; it sets the calendar of `today`, `last month`, `date(…)`.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    timeZone: "Paris"\n    profile: { "loyalty": { "tier": "gold" } }\n    expect: match\n}',
        fix: 'Use a name such as `Europe/Paris`, `America/New_York` or `UTC`.',
    },
    'test/missing-expectation': {
        severity: 'error',
        title: 'Test without expectation',
        help: 'A test says what it expects: `expect: match` (every profile matches), `expect: no match` (none does) or `expect: ["id", …]` (exactly these ids match).',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    profile: { "loyalty": { "tier": "gold" } }\n}',
        fix: 'Add `expect: match`, `expect: no match` or `expect: ["id"]`.',
    },
    'test/no-profiles': {
        severity: 'error',
        title: 'Test without profiles',
        help: 'A test runs its segment on profiles written inline (`profile: { … }`, JSON) or read from fixture files (`fixture: "profiles.jsonl"`, JSON Lines or a JSON array, relative to the test\'s file).',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    expect: match\n}',
        fix: 'Add at least one `profile: { … }` or `fixture: "…"`.',
    },
    'test/duplicate-property': {
        severity: 'error',
        title: 'Test property given twice',
        help: 'Each of `segment`, `now`, `timeZone` and `expect` may appear once per test; `profile` and `fixture` may repeat.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    now: "2026-12-01T12:00:00Z"\n    profile: { "loyalty": { "tier": "gold" } }\n    expect: match\n}',
        fix: 'Remove one of them, or write a second test.',
    },
    'test/duplicate-name': {
        severity: 'error',
        title: 'Test name used twice',
        help: 'Test names are unique within a file: reports and the Test Explorer identify a test by its file and name.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t { segment: vip now: "2026-11-01" profile: { "_id": "a" } expect: no match }\ntest t { segment: vip now: "2026-11-01" profile: { "_id": "b" } expect: no match }',
        fix: 'Rename one of the tests.',
    },
    'test/unknown-profile-id': {
        severity: 'error',
        title: 'Expected id of no profile',
        help: '`expect: [\u2026]` lists the `_id`s of the profiles that must match (`#2` names the second profile when it has no `_id`); an id that no profile of the test has can never match.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    profile: { "_id": "a", "loyalty": { "tier": "gold" } }\n    expect: ["b"]\n}',
        fix: 'Correct the id, or give the profile that `_id`.',
    },
    'test/unknown-profile-field': {
        severity: 'error',
        title: 'Profile field not in the schema',
        help: 'A profile of a test has a field that the XDM schema in effect does not have. The segment can never read it, so a typo here makes a test pass or fail for the wrong reason. `xEvent` holds the experience events.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    profile: { "loyalty": { "teir": "gold" } }\n    expect: no match\n}',
        fix: 'Correct the field name (the message suggests the closest) or add the field to your schema.',
    },
    'test/profile-value-type': {
        severity: 'warning',
        title: 'Profile value of the wrong type',
        help: 'A value in a test profile does not have the type the schema gives the field (a number for a string field, an object for an array …); AEP would reject such a profile at ingestion.',
        example: 'segment vip { where: loyalty.tier = "gold" }\ntest t {\n    segment: vip\n    now: "2026-11-01T12:00:00Z"\n    profile: { "loyalty": { "tier": 3 } }\n    expect: no match\n}',
        fix: 'Write the value with the schema\'s type: timestamps and dates as ISO-8601 strings.',
    },
    'config/invalid-config': {
        severity: 'error',
        title: 'Invalid segment.config.json',
        help: 'segment.config.json cannot be read, is not a JSON object, or has an unknown key or a value of the wrong kind. Reported once, on the config at the key or value concerned, not on the `.segment` files it governs; until it is fixed the bundled schemas stand in, and those files\' fields and enum values are not checked against them. Keys: `schema`, `eventSchema`, `sample`, `now`, `timeZone`, `events`, `eventsKey`, `memoryLimit`, `allowPathsOutsideWorkspace`.',
        example: 'segment.config.json: { "schema": 42 }',
        fix: 'Correct segment.config.json; files are re-checked when it is saved.',
    },
    'config/invalid-schema': {
        severity: 'error',
        title: 'Schema file cannot be used',
        help: 'The profile or event schema named by segment.config.json (or the `segment.schema.path` setting) is missing, is not JSON, defines no fields, or is too large (more than 100,000 field paths once its `$ref`s are expanded). Reported once, at the config\'s value naming the schema (for the setting, on the schema file); the bundled schema stands in meanwhile, and the fields and enum values of the `.segment` files it governs are not checked against it.',
        example: 'segment.config.json: { "schema": "missing.schema.json" }',
        fix: 'Export the schema from AEP\'s Schema Registry (`Accept: application/vnd.adobe.xed-full+json;version=1`) and fix the path.',
    },
    'config/outside-path': {
        severity: 'error',
        title: 'Config path outside the workspace',
        help: 'A path in segment.config.json (`schema`, `eventSchema`, `sample`, `events`) points outside the config\'s folder, its git repository and the editor\'s workspace folder. A cloned repository\'s config is read as soon as its folder is opened, so it may not make the editor or the CLI read files elsewhere on the machine; the file is not read, and the bundled schema stands in meanwhile (fields are not checked against it). Reported once, at the config\'s value.',
        example: 'segment.config.json: { "schema": "/etc/passwd" }',
        fix: 'Keep the schema and data inside the repository, or set `"allowPathsOutsideWorkspace": true` in segment.config.json if you trust this config.',
    },
    'config/schema-warning': {
        severity: 'warning',
        title: 'Part of the schema ignored',
        help: 'Part of the schema file could not be interpreted (e.g. a `$ref` to a field group that is neither in the file nor a standard Adobe field group); the fields it would add are unknown. Reported at the config\'s value naming the schema; the rest of the schema is used.',
        example: 'profile.schema.json: { "properties": { "_acme": { "type": "object", "properties": { "score": { "type": "number" } } } }, "allOf": [{ "$ref": "https://ns.adobe.com/acme/mixins/unknown" }] }',
        fix: 'Export the schema fully resolved (`application/vnd.adobe.xed-full+json`) so every field group is inline.',
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
