// Fake `shell`: records the URLs handed to the OS instead of opening them.
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
  openPath: (_path: string) => Promise.resolve(''),
};
