import path from 'node:path';

/**
 * Module boundaries: a file of `server/modules/<a>/` may import another module `<b>` only
 * through its public API, `server/modules/<b>/index.ts` — never its tables, services or other
 * internals. `server/platform/` follows the same rule. Tests may reach further (they build
 * worlds); the module list files (`server/modules/index.ts`, `catalog.ts`) sit outside every
 * module and read the manifests.
 */
const MODULES_DIR = `${path.sep}server${path.sep}modules${path.sep}`;
const PLATFORM_DIR = `${path.sep}server${path.sep}platform${path.sep}`;

function moduleOf(file) {
  const at = file.lastIndexOf(MODULES_DIR);
  if (at < 0) return null;
  const rest = file.slice(at + MODULES_DIR.length).split(path.sep);
  return rest.length > 1 ? { name: rest[0], inner: rest.slice(1).join('/') } : null;
}

export default {
  rules: {
    'module-boundaries': {
      meta: {
        type: 'problem',
        docs: { description: 'Import another module only through its index.ts' },
        messages: {
          internal: "模块边界：不要直接导入 {{target}} 模块的内部文件 '{{source}}'，请从它的 index.ts（'{{public}}'）导入公开接口。",
        },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        if (/\.test\.tsx?$/.test(file)) return {};
        const from = moduleOf(file) ?? (file.includes(PLATFORM_DIR) ? { name: '(platform)', inner: '' } : null);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const resolved = path.resolve(path.dirname(file), source);
          const target = moduleOf(resolved + path.sep + 'x');
          const targetFile = moduleOf(resolved);
          // `../b` (the folder, i.e. its index.ts) or `../b/index`.
          if (target && !targetFile && target.name !== from.name) return;
          if (!targetFile || targetFile.name === from.name) return;
          if (targetFile.inner === 'index' || targetFile.inner === 'index.ts') return;
          const publicPath = path.relative(path.dirname(file), resolved.slice(0, resolved.lastIndexOf(MODULES_DIR) + MODULES_DIR.length + targetFile.name.length)).split(path.sep).join('/');
          context.report({ node, messageId: 'internal', data: { target: targetFile.name, source, public: publicPath.startsWith('.') ? publicPath : `./${publicPath}` } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
