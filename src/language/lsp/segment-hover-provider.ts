import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { SegmentServices } from '../segment-module.js';
import { findFunction, findMethod, signatureOf, type PqlFunction } from '../typing/segment-functions.js';
import { formatWindow, timeWindow } from '../typing/segment-time-window.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { typeToString, type PqlType, type SchemaField } from '../typing/segment-types.js';

/**
 * Hover like schema-driven servers: a fenced `path: type` or signature, then the description,
 * then enum values. Also: the concrete UTC window of an `occurs` time specification for the
 * configured "now", and a referenced segment's name, description and doc comment.
 */
export class SegmentHoverProvider extends MultilineCommentHoverProvider {
    private readonly types: SegmentTypeComputer;
    /** Fixed "now" for tests; otherwise segment.config.json's `now`, else the clock. */
    now?: number;

    constructor(services: SegmentServices) {
        super(services);
        this.types = services.typing.TypeComputer;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position)) : undefined;
        const node = leaf?.astNode;
        const markdown = node ? this.hoverFor(node, leaf.text) : undefined;
        if (markdown) {
            return { contents: { kind: 'markdown', value: markdown } };
        }
        return super.getHoverContent(document, params);
    }

    private hoverFor(node: AstNode, token: string): string | undefined {
        if ((ast.isNameReference(node) || ast.isUpReference(node)) && token === node.name) {
            return this.headHover(node);
        }
        if (ast.isMemberAccess(node) && token === node.member) {
            if (node.isCall) {
                const fn = findMethod(node.member);
                return fn ? functionHover(fn) : undefined;
            }
            const field = this.types.memberField(node);
            return field ? fieldHover(field, this.types.typeOf(node)) : undefined;
        }
        if (ast.isFunctionCall(node) && token === node.name) {
            const fn = findFunction(node.name);
            return fn ? functionHover(fn) : undefined;
        }
        if (ast.isInSegmentExpression(node) && node.segment?.ref) {
            return this.segmentHover(node.segment.ref);
        }
        const spec = AstUtils.getContainerOfType(node, (n): n is ast.TimeSpec => ast.isRelativeTimeSpec(n) || ast.isDirectionalTimeSpec(n) || ast.isBetweenTimeSpec(n) || ast.isOnTimeSpec(n));
        if (spec && !ast.isExpressionRef(node) && !AstUtils.getContainerOfType(node, ast.isExpressionRef)) {
            return this.timeHover(spec);
        }
        return undefined;
    }

    private headHover(node: ast.NameReference | ast.UpReference): string | undefined {
        const resolution = this.types.resolveHead(node);
        switch (resolution.kind) {
            case 'field': return fieldHover(resolution.field, resolution.field.type);
            case 'variable': return `\`\`\`pql\n${node.name}: ${typeToString(resolution.type)}\n\`\`\`\nVariable declared by \`${(resolution.binding.variable.$container?.$cstNode?.text ?? '').split(/\s+/u).slice(0, 4).join(' ')}…\`.`;
            case 'events': return '```pql\nxEvent: array<experience event>\n```\nThe experience events linked to the profile.';
            default: return undefined;
        }
    }

    private timeHover(spec: ast.TimeSpec): string | undefined {
        const schemas = this.types.schemas(spec);
        const configured = schemas.config?.now ? Date.parse(schemas.config.now) : undefined;
        const now = this.now ?? configured ?? Date.now();
        const window = timeWindow(spec, now, schemas.config?.timeZone);
        if (!window) {
            return undefined;
        }
        const zone = schemas.config?.timeZone ?? 'UTC';
        return `\`\`\`text\n${formatWindow(window)}\n\`\`\`\nThe window \`occurs ${spec.$cstNode?.text ?? ''}\` selects when now is ${new Date(now).toISOString()} (${zone}); the end is exclusive.`;
    }

    private segmentHover(segment: ast.SegmentDefinition): string {
        const lines = [`\`\`\`pql\nsegment ${segment.name}\n\`\`\``];
        if (segment.title) {
            lines.push(`**${segment.title}**`);
        }
        if (segment.description) {
            lines.push(segment.description);
        }
        const comment = this.documentationProvider.getDocumentation(segment);
        if (comment) {
            lines.push(comment);
        }
        return lines.join('\n\n');
    }
}

/** A hover is read at a glance: a long enum shows its first values; completion has the full list. */
const HOVER_ENUM_VALUES = 8;

function fieldHover(field: SchemaField, type: PqlType): string {
    const lines = [`\`\`\`pql\n${field.path}: ${typeToString(type)}\n\`\`\``];
    if (field.description) {
        lines.push(field.description);
    }
    const info = field.type.kind === 'string' ? field.type.enum : undefined;
    if (info) {
        const values = info.values.slice(0, HOVER_ENUM_VALUES).map(v => `\`"${v}"\`${info.labels?.[v] && info.labels[v] !== v ? ` ${info.labels[v]}` : ''}`).join(', ');
        const more = info.values.length > HOVER_ENUM_VALUES ? ` … ${info.values.length - HOVER_ENUM_VALUES} more (completion inside the quotes lists them all)` : '';
        lines.push(`${info.hard ? 'Allowed values' : 'Suggested values (others allowed)'}: ${values}${more}`);
    }
    if (field.fieldGroup) {
        lines.push(`_Field group: ${field.fieldGroup}_`);
    }
    return lines.join('\n\n');
}

function functionHover(fn: PqlFunction): string {
    return `\`\`\`pql\n${signatureOf(fn)}\n\`\`\`\n${fn.description}\n\nExample: \`${fn.example}\`\n\n_${fn.section}_`;
}
