import type { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SchemaProblem, SegmentSchemas } from '../schema/segment-schema-provider.js';
import type { SegmentServices } from '../segment-module.js';
import { DIAGNOSTICS, type DiagnosticCode } from './segment-diagnostics.js';

/**
 * What a `.segment` file's checks become while its segment.config.json, or a schema the config
 * names, has an error. The error itself is one diagnostic on the config (published by
 * lsp/segment-config-diagnostics.ts, printed once by `segment check`), not a copy on line 1 of
 * every file the config governs. Meanwhile the bundled schemas stand in for the user's; the checks
 * that measure a segment against the schema would then report the user's own fields as unknown
 * (or their values as outside the wrong enum), so those are left out until the config is fixed.
 */
export const SCHEMA_DEPENDENT_CODES: ReadonlySet<string> = new Set<DiagnosticCode>([
    'schema/unknown-field', 'schema/enum-value', 'schema/soft-enum-value', 'test/unknown-profile-field', 'test/profile-value-type',
]);

/** The diagnostics of a file governed by `schemas`, without the schema checks when the schemas are stand-ins. */
export function withoutStandInChecks(diagnostics: Diagnostic[], schemas: SegmentSchemas): Diagnostic[] {
    return schemas.standIn ? diagnostics.filter(d => !SCHEMA_DEPENDENT_CODES.has(String(d.code))) : diagnostics;
}

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** A configuration problem as a diagnostic of the file it is on, with the catalog's severity and code. */
export function configDiagnostic(problem: SchemaProblem): Diagnostic {
    return { range: problem.range, severity: SEVERITY[DIAGNOSTICS[problem.code].severity], code: problem.code, source: 'segment', message: problem.message };
}

/** The errors of the configuration governing a document: runs and tests refuse to start until they are fixed. */
export function configErrors(services: SegmentServices, uri: URI): SchemaProblem[] {
    return services.schema.SchemaProvider.schemasFor(uri).problems.filter(problem => DIAGNOSTICS[problem.code].severity === 'error');
}
