import type { Range } from 'vscode-languageserver-types';
import { DocumentState, URI, UriUtils, type FileSystemProvider, type LangiumSharedCoreServices } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { parseSegmentConfig, SEGMENT_CONFIG_FILE, type SegmentConfig } from '../segment-config.js';
import { bundledEventSchema, bundledProfileSchema } from './segment-bundled-schema.js';
import { FILE_START, locateMember, rangeAt } from './segment-config-locations.js';
import { outsideProblem, pathRoots } from './segment-config-paths.js';
import { readProjectFile } from './segment-project-files.js';
import { loadXdmSchema } from './segment-schema-loader.js';
import type { XdmSchema } from './segment-schema-model.js';

/**
 * A problem with the configuration or a schema file: one `config/…` diagnostic on the file that
 * causes it (segment.config.json, at the key or value concerned; a schema named by the
 * `segment.schema.path` setting, at its start), never on the `.segment` files it governs.
 */
export interface SchemaProblem {
    code: 'config/invalid-config' | 'config/invalid-schema' | 'config/schema-warning' | 'config/outside-path';
    message: string;
    /** The file the diagnostic belongs to. */
    file: URI;
    range: Range;
}

/** Where the problems of a schema file are reported: at the config value naming it, or on the file itself. */
interface ProblemSite {
    file: URI;
    range: Range;
}

/** The schemas that govern a document, with the configuration they came from. */
export interface SegmentSchemas {
    profile: XdmSchema;
    event: XdmSchema;
    config?: SegmentConfig;
    /** The segment.config.json in effect, if any. */
    configUri?: URI;
    /** The folders the config's paths may point into (segment-config-paths.ts); undefined: anywhere. */
    pathRoots?: readonly URI[];
    problems: readonly SchemaProblem[];
    /**
     * The bundled schemas stand in for schemas the configuration asked for but that could not be
     * used (the config or a schema file has an error): checks of field names and enum values would
     * measure the user's segments against a schema that is not theirs, so they are skipped.
     */
    standIn: boolean;
}

const BUNDLED: SegmentSchemas = { get profile() { return bundledProfileSchema(); }, get event() { return bundledEventSchema(); }, problems: [], standIn: false };

/** Globs of the files whose changes reload the schemas; the client watches them. */
export const SCHEMA_WATCH_GLOBS = ['**/segment.config.json', '**/*.schema.json'];

/**
 * Provides the XDM profile and experience-event schemas for each document: the schemas named by
 * the nearest `segment.config.json` above the document (or the `segment.schema.path` setting),
 * else the bundled ones. Files are read through Langium's FileSystemProvider, so the language
 * package stays free of `fs`. Loading happens before linking (a build-phase listener), so
 * validation, completion and hover read the schemas synchronously. Config or schema changes
 * (watched files, settings) reload everything and rebuild all documents.
 */
export class SegmentSchemaProvider {
    private readonly fileSystem: FileSystemProvider;
    private readonly shared: LangiumSharedCoreServices;
    /** Folder URI → config file URI (or null: none above this folder). */
    private readonly configLocations = new Map<string, Promise<URI | null>>();
    /** Config file URI ('' for none) → loaded schemas. */
    private readonly loaded = new Map<string, Promise<SegmentSchemas>>();
    private readonly resolved = new Map<string, SegmentSchemas>();
    private readonly documentKeys = new Map<string, string>();
    /**
     * Folders the user works in besides the editor's workspace folders: the CLI's working folder.
     * A config inside one may name paths anywhere inside it (segment-config-paths.ts).
     */
    workingFolders: readonly URI[] = [];
    private settingsSchemaPath = '';
    private settingsReady = false;
    private generationCounter = 0;

    constructor(shared: LangiumSharedCoreServices) {
        this.shared = shared;
        this.fileSystem = shared.workspace.FileSystemProvider;
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, async documents => {
            await Promise.all(documents.map(document => this.load(document.uri)));
        });
        const configuration = shared.workspace.ConfigurationProvider;
        void configuration.ready.then(async () => {
            this.settingsReady = true;
            const path = await this.readSettingsPath();
            if (path !== this.settingsSchemaPath) {
                this.reload();
            }
        });
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'segment') {
                this.reload();
            }
        });
        const lsp = (shared as Partial<LangiumSharedServices>).lsp;
        lsp?.DocumentUpdateHandler?.onWatchedFilesChange(params => {
            if (params.changes.some(change => this.affects(change.uri))) {
                this.reload();
            }
        });
    }

    /** Increases whenever schemas are reloaded; caches keyed on schemas compare it. */
    get generation(): number {
        return this.generationCounter;
    }

    /** The schemas of a document (the bundled ones until its configuration is loaded). */
    schemasFor(uri: URI): SegmentSchemas {
        const key = this.documentKeys.get(uri.toString());
        return (key !== undefined ? this.resolved.get(key) : undefined) ?? BUNDLED;
    }

    /** The problems of every configuration loaded since the last reload, each once. */
    loadedProblems(): SchemaProblem[] {
        const unique = new Map<string, SchemaProblem>();
        for (const problem of [...this.resolved.values()].flatMap(schemas => schemas.problems)) {
            unique.set(JSON.stringify([problem.file.toString(), problem.range, problem.code, problem.message]), problem);
        }
        return [...unique.values()];
    }

    /** Loads the configuration and schemas that govern the document. */
    async load(uri: URI): Promise<SegmentSchemas> {
        const configUri = await this.findConfig(UriUtils.dirname(uri));
        const key = configUri?.toString() ?? '';
        let pending = this.loaded.get(key);
        if (!pending) {
            pending = this.loadConfig(configUri);
            this.loaded.set(key, pending);
        }
        const schemas = await pending;
        this.resolved.set(key, schemas);
        this.documentKeys.set(uri.toString(), key);
        return schemas;
    }

    /** Forgets everything loaded and rebuilds all documents, e.g. after segment.config.json changed. */
    reload(): void {
        this.configLocations.clear();
        this.loaded.clear();
        this.resolved.clear();
        this.documentKeys.clear();
        this.generationCounter++;
        const uris = this.shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        if (uris.length > 0) {
            void this.shared.workspace.WorkspaceLock.write(token => this.shared.workspace.DocumentBuilder.update(uris, [], token));
        }
    }

    private affects(changed: string): boolean {
        if (changed.endsWith(`/${SEGMENT_CONFIG_FILE}`) || changed.endsWith('.schema.json')) {
            return true;
        }
        return [...this.resolved.values()].some(s => [s.profile.source, s.event.source].some(source => changed.endsWith(source)));
    }

    private findConfig(folder: URI): Promise<URI | null> {
        const key = folder.toString();
        let found = this.configLocations.get(key);
        if (!found) {
            found = (async () => {
                const candidate = UriUtils.joinPath(folder, SEGMENT_CONFIG_FILE);
                if (await this.exists(candidate)) {
                    return candidate;
                }
                const parent = UriUtils.dirname(folder);
                return parent.toString() === folder.toString() || folder.path === '/' || folder.path === '' ? null : this.findConfig(parent);
            })();
            this.configLocations.set(key, found);
        }
        return found;
    }

    private async exists(uri: URI): Promise<boolean> {
        try {
            return await this.fileSystem.exists(uri);
        } catch {
            return false;
        }
    }

    private async loadConfig(configUri: URI | null): Promise<SegmentSchemas> {
        const problems: SchemaProblem[] = [];
        let config: SegmentConfig | undefined;
        let configText = '';
        if (configUri) {
            const text = await this.read(configUri, problems, 'config/invalid-config', { file: configUri, range: FILE_START });
            configText = text ?? '';
            const parsed = parseSegmentConfig(text ?? '{}');
            config = parsed.config;
            for (const error of parsed.errors) {
                const member = error.key !== undefined ? locateMember(configText, error.key) : undefined;
                const [start, end] = member ? member[error.part ?? 'value'] : [error.offset ?? 0, error.offset ?? 0];
                problems.push({ code: 'config/invalid-config', message: `${error.message}. Using the bundled schemas meanwhile.`, file: configUri, range: rangeAt(configText, start, end) });
            }
        }
        /** The value of a config key: where the problems of the file it names are reported. */
        const siteOf = (key: string): ProblemSite | undefined => {
            const value = locateMember(configText, key)?.value;
            return configUri && value ? { file: configUri, range: rangeAt(configText, value[0], value[1]) } : undefined;
        };
        this.settingsSchemaPath = this.settingsReady ? await this.readSettingsPath() : this.settingsSchemaPath;
        const base = configUri ? UriUtils.dirname(configUri) : this.workspaceFolder();
        const roots = configUri && config?.allowPathsOutsideWorkspace !== true
            ? await pathRoots(this.fileSystem, UriUtils.dirname(configUri), [...this.workspaceFolders(), ...this.workingFolders]) : undefined;
        // The `segment.schema.path` setting is the user's own (VS Code's workspace trust governs workspace settings).
        const settingsBase = this.workspaceFolder() ?? base;
        const profile = this.settingsSchemaPath
            ? settingsBase && await this.loadSchema(UriUtils.resolvePath(settingsBase, this.settingsSchemaPath), 'profile', problems)
            : await this.loadConfigSchema(base, 'schema', config?.schema, roots, 'profile', problems, siteOf('schema'));
        const event = await this.loadConfigSchema(base, 'eventSchema', config?.eventSchema, roots, 'experience event', problems, siteOf('eventSchema'));
        return {
            profile: profile ?? bundledProfileSchema(),
            event: event ?? bundledEventSchema(),
            config, configUri: configUri ?? undefined, pathRoots: roots, problems,
            standIn: problems.some(problem => problem.code !== 'config/schema-warning'),
        };
    }

    /** The schema a config key names, unless it names a file outside the project (reported). */
    private async loadConfigSchema(base: URI | undefined, key: string, path: string | undefined, roots: readonly URI[] | undefined,
        rootName: string, problems: SchemaProblem[], site: ProblemSite | undefined): Promise<XdmSchema | undefined> {
        if (!path || !base) {
            return undefined;
        }
        const uri = UriUtils.resolvePath(base, path);
        const outside = outsideProblem(key, uri, roots);
        if (outside) {
            problems.push({ code: 'config/outside-path', message: `${outside}. Using the bundled ${rootName} schema meanwhile.`, ...site ?? { file: uri, range: FILE_START } });
            return undefined;
        }
        return this.loadSchema(uri, rootName, problems, site);
    }

    /** `site`: where its problems are reported (the config value naming it); by default the schema file itself. */
    private async loadSchema(uri: URI, rootName: string, problems: SchemaProblem[], site: ProblemSite = { file: uri, range: FILE_START }): Promise<XdmSchema | undefined> {
        const text = await this.read(uri, problems, 'config/invalid-schema', site);
        if (text === undefined) {
            return undefined;
        }
        const name = uri.path.split('/').pop();
        let json: unknown;
        try {
            json = JSON.parse(text.replace(/^\uFEFF/u, ''));
        } catch (error) {
            // Only the position: V8's message quotes the file's text, which may not be a schema at all.
            const position = /position \d+(?: \(line \d+ column \d+\))?/u.exec((error as Error).message)?.[0];
            problems.push({ code: 'config/invalid-schema', message: `Schema ${name} is not valid JSON${position ? ` (at ${position})` : ''}. Using the bundled ${rootName} schema meanwhile.`, ...site });
            return undefined;
        }
        try {
            const { schema, warnings } = loadXdmSchema(json, uri.path, rootName);
            for (const warning of warnings.slice(0, 5)) {
                problems.push({ code: 'config/schema-warning', message: `Schema ${name}: ${warning}.`, ...site });
            }
            return schema;
        } catch (error) {
            problems.push({ code: 'config/invalid-schema', message: `Schema ${name} cannot be used: ${(error as Error).message}. Using the bundled ${rootName} schema meanwhile.`, ...site });
            return undefined;
        }
    }

    private async read(uri: URI, problems: SchemaProblem[], code: SchemaProblem['code'], site: ProblemSite): Promise<string | undefined> {
        const read = await readProjectFile(this.fileSystem, uri);
        if ('problem' in read) {
            problems.push({ code, message: `Cannot read ${uri.path}: ${read.problem}. Using the bundled schemas meanwhile.`, ...site });
            return undefined;
        }
        return read.text;
    }

    private async readSettingsPath(): Promise<string> {
        const schema = await this.shared.workspace.ConfigurationProvider.getConfiguration('segment', 'schema') as { path?: unknown } | undefined;
        return typeof schema?.path === 'string' ? schema.path.trim() : '';
    }

    private workspaceFolder(): URI | undefined {
        return this.workspaceFolders()[0];
    }

    private workspaceFolders(): URI[] {
        return (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(folder => URI.parse(folder.uri));
    }
}
