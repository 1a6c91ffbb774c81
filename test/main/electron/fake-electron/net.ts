// Fake `net`: online state under the test's control; fetch is Node's own.
export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
  fetch: (input: string, init?: RequestInit) => fetch(input, init),
};
