import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SegmentSchemaProvider } from '../schema/segment-schema-provider.js';
import { configDiagnostic } from '../validation/segment-config-validation.js';

/**
 * Publishes the problems of segment.config.json (and of the schemas it names) on the config file's
 * own URI: one diagnostic at the key or value concerned, where the editor shows it in the JSON
 * editor and in Problems, instead of one copy on line 1 of every `.segment` file it governs. The
 * configurations are loaded while documents are indexed, so after each indexing the set is
 * published again; a config that was fixed, or deleted (the client's file watcher makes the
 * schema provider reload), gets an empty list, which clears what the editor shows.
 */
export class SegmentConfigDiagnostics {
    /** URI → the diagnostics last published for it, serialised (unchanged lists are not sent again). */
    private readonly published = new Map<string, string>();

    constructor(shared: LangiumSharedServices, private readonly schemaProvider: SegmentSchemaProvider) {
        const connection = shared.lsp.Connection;
        if (!connection) {
            return;
        }
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => {
            for (const [uri, diagnostics] of this.changes()) {
                void connection.sendDiagnostics({ uri, diagnostics });
            }
        });
    }

    /** The lists to publish: those that changed since the last time, empty ones for files without problems now. */
    changes(): Array<[string, Diagnostic[]]> {
        const current = new Map<string, Diagnostic[]>();
        for (const problem of this.schemaProvider.loadedProblems()) {
            const uri = problem.file.toString();
            current.set(uri, [...current.get(uri) ?? [], configDiagnostic(problem)]);
        }
        const changed: Array<[string, Diagnostic[]]> = [];
        for (const uri of new Set([...this.published.keys(), ...current.keys()])) {
            const diagnostics = current.get(uri) ?? [];
            const text = JSON.stringify(diagnostics);
            if (this.published.get(uri) !== text) {
                changed.push([uri, diagnostics]);
            }
            if (diagnostics.length > 0) {
                this.published.set(uri, text);
            } else {
                this.published.delete(uri);
            }
        }
        return changed;
    }
}
