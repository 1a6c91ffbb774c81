// Fake `nativeImage`: keeps the bytes it was made from so tests can compare tray and overlay icons.
export class FakeNativeImage {
  readonly buffer: Buffer;
  readonly options: Record<string, unknown> | undefined;
  constructor(buffer: Buffer, options?: Record<string, unknown>) {
    this.buffer = buffer;
    this.options = options;
  }
  /** macOS template image: drawn in the menu bar's colour from its alpha. */
  template = false;
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  toPNG(): Buffer {
    return this.buffer;
  }
  isEmpty(): boolean {
    return this.buffer.length === 0;
  }
}

export const nativeImage = {
  createFromBuffer: (buffer: Buffer, options?: Record<string, unknown>) => new FakeNativeImage(buffer, options),
  createEmpty: () => new FakeNativeImage(Buffer.alloc(0)),
};
