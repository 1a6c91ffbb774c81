// The release page main found for a newer Herald, as a link the page may show: it comes from an http(s) feed,
// and is checked again here as every link a page opens is (http(s) only).
export function releasePageLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
