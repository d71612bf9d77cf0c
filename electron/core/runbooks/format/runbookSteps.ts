import type { RunbookStep, StepBlock } from '../../../../shared/types/runbooks';
import type { StepKindRegistry } from '../steps/registry';
import type { MarkdownBlock } from './markdownScanner';
import type { ProblemList } from './problemList';
import { slugify } from './commonAttributes';
import { isExpectedInfo, isRunInfo } from './runInfoString';
import { buildStepBlock } from './stepBlock';

export interface RunbookBody {
  intro: string;
  steps: RunbookStep[];
  needsOperator: boolean;
}

type Fence = Extract<MarkdownBlock, { type: 'fence' }>;

/**
 * Groups the scanned blocks into the introduction and the steps (`##` headings), builds each
 * step's block, and checks what spans steps: unique ids and `goto` targets.
 */
export function buildRunbookBody(
  blocks: readonly MarkdownBlock[],
  lines: readonly string[],
  kinds: StepKindRegistry,
  /** Declared param names, or null when the header is unreadable (references are not checked then). */
  paramNames: ReadonlySet<string> | null,
  problems: ProblemList,
): RunbookBody {
  const firstStep = blocks.findIndex((block) => block.type === 'heading' && block.level === 2);
  const introBlocks = firstStep === -1 ? blocks : blocks.slice(0, firstStep);
  const intro = buildIntro(introBlocks, lines, problems);
  const steps: RunbookStep[] = [];
  const idLines = new Map<string, number>();
  let needsOperator = false;
  if (firstStep === -1) {
    problems.add(lines.length, 'A runbook needs at least one step: a "## Step title" heading.');
    return { intro, steps, needsOperator };
  }
  for (let start = firstStep; start < blocks.length; ) {
    let end = start + 1;
    while (end < blocks.length && !(blocks[end].type === 'heading' && (blocks[end] as { level: number }).level === 2)) end++;
    const step = buildStep(blocks.slice(start, end), steps.length, lines, kinds, problems);
    needsOperator ||= step.needsOperator;
    if (step.step.id !== '') {
      const first = idLines.get(step.step.id);
      if (first !== undefined) problems.add(step.idLine, `Step id "${step.step.id}" is used twice (first at line ${first}); give one of them id=… or another title.`);
      else idLines.set(step.step.id, step.idLine);
    }
    steps.push(step.step);
    start = end;
  }
  for (const step of steps) {
    if (step.block && paramNames) checkParamReferences(step.block, paramNames, problems);
    for (const [attribute, transition] of [['on-failure', step.block?.onFailure], ['on-success', step.block?.onSuccess]] as const) {
      if (transition?.kind === 'goto' && !idLines.has(transition.stepId)) {
        problems.add(step.block!.line, `Attribute "${attribute}": there is no step "${transition.stepId}" to go to (steps: ${[...idLines.keys()].join(', ')}).`);
      }
    }
  }
  return { intro, steps, needsOperator };
}

/** The kinds whose body gets `${NAME}` replaced (docs/runbook-format.md); shell reads the environment instead. */
export const PARAM_EXPANDING_KINDS: readonly string[] = ['http', 'container-health', 'action'];

/** A `${NAME}` that names no param would reach the step as literal text: a typo, caught here. */
function checkParamReferences(block: StepBlock, paramNames: ReadonlySet<string>, problems: ProblemList): void {
  if (!PARAM_EXPANDING_KINDS.includes(block.kind)) return;
  const unknown = new Set([...block.body.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1]).filter((name) => !paramNames.has(name)));
  for (const name of unknown) {
    const declared = paramNames.size > 0 ? `declared: ${[...paramNames].join(', ')}` : 'this runbook declares none';
    problems.add(block.line, `run ${block.kind}: \${${name}} is not a param of this runbook (${declared}).`);
  }
}

function buildIntro(blocks: readonly MarkdownBlock[], lines: readonly string[], problems: ProblemList): string {
  let kept = [...blocks];
  // A single "# Title" at the top only echoes the front matter's title.
  const firstContent = kept.findIndex((block) => block.type !== 'text' || lines[block.index].trim() !== '');
  if (firstContent !== -1 && kept[firstContent].type === 'heading' && (kept[firstContent] as { level: number }).level === 1) {
    kept = kept.filter((_, index) => index !== firstContent);
  }
  for (const block of kept) {
    if (block.type !== 'fence') continue;
    if (isRunInfo(block.info)) problems.add(block.line, 'A run block must be inside a step: put a "## Step title" heading above it.');
    else if (isExpectedInfo(block.info)) problems.add(block.line, 'An expected block belongs to a step: put it under the step\'s "##" heading.');
  }
  return proseOf(kept, lines);
}

function buildStep(blocks: readonly MarkdownBlock[], index: number, lines: readonly string[], kinds: StepKindRegistry, problems: ProblemList) {
  const heading = blocks[0] as Extract<MarkdownBlock, { type: 'heading' }>;
  const title = heading.text;
  let run: Fence | null = null;
  let expected: Fence | null = null;
  const prose: MarkdownBlock[] = [];
  for (const block of blocks.slice(1)) {
    if (block.type === 'fence' && isRunInfo(block.info)) {
      if (run) problems.add(block.line, `A step has at most one run block; this step already has one at line ${run.line}.`);
      else run = block;
    } else if (block.type === 'fence' && isExpectedInfo(block.info)) {
      if (expected) problems.add(block.line, `A step has at most one expected block; this step already has one at line ${expected.line}.`);
      else expected = block;
    } else {
      prose.push(block);
    }
  }
  const built = run ? buildStepBlock(run, title, kinds) : null;
  for (const problem of built?.problems ?? []) problems.add(run!.line, problem);
  const id = built?.id ?? slugify(title);
  const idLine = built?.id ? run!.line : heading.line;
  if (title === '') problems.add(heading.line, 'A step heading needs a title ("## Check the disk").');
  else if (id === '' && !built?.idGiven) {
    problems.add(heading.line, `The heading "${title}" gives no step id (it has no letters or digits); add id=… to its run block.`);
  }
  const step: RunbookStep = {
    index,
    id,
    title,
    prose: proseOf(prose, lines),
    block: built?.block ?? null,
    expectedOutput: expected ? expected.body : null,
    line: heading.line,
  };
  return { step, idLine, needsOperator: Boolean(built && (built.needsOperator || built.block?.confirm)) };
}

/** The markdown of `blocks` as written (every line they span), without blank lines at either end. */
function proseOf(blocks: readonly MarkdownBlock[], lines: readonly string[]): string {
  const text: string[] = [];
  for (const block of blocks) {
    if (block.type === 'heading' && block.level === 2) continue;
    const last = block.type === 'fence' ? block.endIndex : block.index;
    for (let i = block.index; i <= last; i++) text.push(lines[i]);
  }
  let first = 0;
  let end = text.length;
  while (first < end && text[first].trim() === '') first++;
  while (end > first && text[end - 1].trim() === '') end--;
  return text.slice(first, end).join('\n');
}
