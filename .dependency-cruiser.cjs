/**
 * The layering of docs/architecture.md ("Layering"), checked by `npm test`. A module may import from its own
 * folder and from any lower layer; never from a higher layer, and never from a sibling folder
 * of its own layer (the contexts of one layer talk through the message protocol, not imports).
 * New code: add its folder to the layer it belongs to, or a new layer at the right height.
 */
const LAYERS = [
  { name: 'model', folders: ['lib/model'] },
  { name: 'privacy', folders: ['lib/privacy'] },
  { name: 'domain', folders: ['lib/csp', 'lib/rules', 'lib/protocol.ts'] },
  {
    name: 'contexts',
    folders: ['lib/hook', 'lib/relay', 'lib/background', 'lib/panel', 'lib/files', 'lib/report', 'lib/site'],
  },
  // Outside the extension: the CI audit and the integrators' fixtures run the contexts' code.
  { name: 'tools', folders: ['lib/audit', 'lib/fixtures'] },
  { name: 'ui', folders: ['components'] },
  { name: 'wiring', folders: ['entrypoints', 'cli'] },
];

const escapeDots = (folder) => folder.replace(/[.]/g, '\\.');
const pathOf = (folders) => `^(${folders.map(escapeDots).join('|')})(/|$)`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}-imports-higher-layer`,
  comment: `${layer.name} may not import from ${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}`,
  severity: 'error',
  from: { path: pathOf(layer.folders) },
  to: { path: pathOf(LAYERS.slice(i + 1).flatMap((l) => l.folders)) },
}));

const sideways = LAYERS.flatMap((layer) =>
  layer.folders.length < 2
    ? []
    : layer.folders.map((folder) => ({
        name: `layer-${layer.name}-imports-sibling`,
        comment: `${folder} may not import another folder of the ${layer.name} layer`,
        severity: 'error',
        from: { path: pathOf([folder]) },
        to: { path: pathOf(layer.folders.filter((f) => f !== folder)) },
      })),
);

module.exports = {
  forbidden: [
    ...upward,
    ...sideways,
    {
      name: 'layers-import-tooling',
      comment: 'shipped code may not import tests, scripts, benchmarks or build plugins',
      severity: 'error',
      from: { path: pathOf(LAYERS.flatMap((l) => l.folders)) },
      to: { path: '^(test|scripts|bench|build)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
