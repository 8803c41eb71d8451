/**
 * What a built script does with strings as code, read from its syntax tree rather than its
 * text: a message that merely mentions "eval()" (csp_evaluator has several) is not a call.
 */
import { parse } from 'acorn';
import { simple } from 'acorn-walk';

type Node = { type: string; name?: string; value?: unknown; callee?: Node; source?: Node; arguments?: Node[] };

const REMOTE = /^https?:/;

function isRemoteLiteral(node: Node | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'string' && REMOTE.test(node.value);
}

/** Each place the script evaluates a string (`eval`, `Function`) or loads code from a remote URL. */
export function codeFromStrings(source: string): string[] {
  const found: string[] = [];
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  const calls = (node: Node): void => {
    const callee = node.callee;
    if (callee?.type !== 'Identifier') return;
    if (callee.name === 'eval') found.push('eval(…)');
    if (callee.name === 'Function') found.push(`${node.type === 'NewExpression' ? 'new ' : ''}Function(…)`);
    if (callee.name === 'importScripts' && node.arguments?.some(isRemoteLiteral)) found.push('importScripts(remote)');
  };
  simple(ast, {
    CallExpression: (node) => calls(node as unknown as Node),
    NewExpression: (node) => calls(node as unknown as Node),
    ImportExpression: (node) => {
      if (isRemoteLiteral((node as unknown as Node).source)) found.push('import(remote)');
    },
  });
  return found;
}
