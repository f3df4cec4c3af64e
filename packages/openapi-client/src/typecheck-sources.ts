import ts from 'typescript';

/**
 * Type-checks TypeScript sources held in memory (file name → text) under strict settings, and answers the diagnostics
 * as `file:line: message` lines (none when everything checks). This package's TypeScript is 5.x: openapi-typescript
 * builds its output with the compiler API, which TypeScript 7 no longer ships.
 */
export function typecheckSources(sources: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => sources[name] ?? readFile(name);
  host.fileExists = (name) => name in sources || fileExists(name);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) =>
    Object.keys(sources).some((file) => file.startsWith(`${name.replace(/\/$/, '')}/`)) ||
    (directoryExists?.(name) ?? false);
  host.getSourceFile = (name, languageVersion, onError) =>
    name in sources
      ? ts.createSourceFile(name, sources[name] as string, languageVersion, true)
      : getSourceFile(name, languageVersion, onError);
  const program = ts.createProgram(Object.keys(sources), options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  });
}
