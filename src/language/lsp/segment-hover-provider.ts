import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { RunInputError } from '../../engine/data/segment-run-inputs.js';
import type { SegmentServices } from '../segment-module.js';
import { eligibilityWords } from './segment-code-lens.js';
import type { DescribedRunClock, SegmentRunClockProvider } from '../evaluation/segment-run-clock.js';
import { findFunction, findMethod, signatureOf, type PqlFunction } from '../typing/segment-functions.js';
import { formatWindow, timeWindow } from '../typing/segment-time-window.js';
import type { SegmentTypeComputer } from '../typing/segment-type-computer.js';
import { typeToString, type PqlType, type SchemaField } from '../typing/segment-types.js';
import { segmentDescription, segmentEvaluation, segmentTitle } from '../segment-properties.js';

/**
 * Hover like schema-driven servers: a fenced `path: type` or signature, then the description,
 * then enum values. Also: on any part of an `occurs` clause, its concrete window for the now and
 * time zone a run would use (and where they came from); on a segment's id or a reference to it,
 * its name, description, evaluation method and eligibility.
 */
export class SegmentHoverProvider extends MultilineCommentHoverProvider {
    private readonly types: SegmentTypeComputer;
    private readonly runClock: SegmentRunClockProvider;

    constructor(services: SegmentServices) {
        super(services);
        this.types = services.typing.TypeComputer;
        this.runClock = services.evaluation.RunClock;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position)) : undefined;
        const node = leaf?.astNode;
        const spec = node ? occursSpecAt(node, leaf.text) : undefined;
        const markdown = spec ? await this.timeHover(document, spec) : node ? this.hoverFor(node, leaf.text) : undefined;
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
        if (ast.isSegmentDefinition(node) && token === node.name) {
            return this.segmentHover(node);
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

    /** The window a run would use: the run's own now and time zone (segment-run-clock.ts), never hover's own guess. */
    private async timeHover(document: LangiumDocument, spec: ast.TimeSpec): Promise<string | undefined> {
        let clock: DescribedRunClock;
        try {
            clock = await this.runClock.clockFor(document.uri);
        } catch (error) {
            // An unusable setting (a bad zone): the run refuses with the same words.
            return error instanceof RunInputError ? `No window: ${error.message}` : undefined;
        }
        const window = timeWindow(spec, clock.now.getTime(), clock.timeZone);
        if (!window) {
            return undefined;
        }
        const zone = clock.timeZoneSource === 'default' ? '' : `; time zone ${clock.timeZone} from ${clock.zoneOrigin}`;
        return [
            `Window: ${formatWindow(window, clock.timeZone)} — now = ${clock.now.toISOString().replace('.000Z', 'Z')} from ${clock.nowOrigin}${zone}`,
            `The window \`occurs ${spec.$cstNode?.text ?? ''}\` selects in a run; the end is exclusive.`,
        ].join('\n\n');
    }

    private segmentHover(segment: ast.SegmentDefinition): string {
        const lines = [`\`\`\`pql\nsegment ${segment.name}\n\`\`\``];
        const title = segmentTitle(segment);
        if (title) {
            lines.push(`**${title}**`);
        }
        const description = segmentDescription(segment);
        if (description) {
            lines.push(description);
        }
        const eligibility = eligibilityWords(segment);
        const declared = segmentEvaluation(segment);
        const method = `Evaluation method: ${declared ? `\`${declared}\` (declared)` : '`batch` (the default; no `evaluation:`)'}`;
        lines.push(eligibility ? `${method}  \n${eligibility.title}${eligibility.reasons.map(r => `  \n✗ ${r}`).join('')}` : method);
        const comment = this.documentationProvider.getDocumentation(segment);
        if (comment) {
            lines.push(comment);
        }
        return lines.join('\n\n');
    }
}

/**
 * The time specification of the `occurs` clause under the cursor: on `occurs` itself, the amount,
 * the unit, `before`/`after` and a calendar anchor (`now`, `today`, `last month`). Not inside an
 * anchor that is an expression (`after Y.timestamp`): that hover is the field's.
 */
function occursSpecAt(node: AstNode, token: string): ast.TimeSpec | undefined {
    if (ast.isOccursExpression(node)) {
        return token === 'occurs' ? node.time : undefined;
    }
    if (ast.isExpressionRef(node) || AstUtils.getContainerOfType(node, ast.isExpressionRef)) {
        return undefined;
    }
    return AstUtils.getContainerOfType(node, (n): n is ast.TimeSpec => ast.isRelativeTimeSpec(n) || ast.isDirectionalTimeSpec(n) || ast.isBetweenTimeSpec(n) || ast.isOnTimeSpec(n));
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
