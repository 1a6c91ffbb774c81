// Node module hooks for running the built main bundle (out/main/index.js) in plain Node: the bare specifier
// 'electron' resolves to the test fake instead of the real package (which would try to download a binary).
import type { ResolveHook } from 'node:module';

const FAKE_ELECTRON = new URL('../main/electron/fake-electron.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, next) =>
  specifier === 'electron' ? { url: FAKE_ELECTRON, shortCircuit: true } : next(specifier, context);
