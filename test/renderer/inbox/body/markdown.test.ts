// Markdown bodies become React elements built from markdown-it's tokens: formatting is rendered, raw HTML stays
// text, only http(s) links become links (opening outside Herald), and images are a button until asked for.
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markdownToReact } from '../../../../src/renderer/inbox/body/markdown.tsx';

const render = (source: string) => renderToStaticMarkup(createElement(Fragment, null, markdownToReact(source)));

describe('markdown to React', () => {
  it('renders headings, emphasis, lists, code and tables', () => {
    const html = render('# Door\n\n**open** for _15_ min\n\n- a\n- b\n\n`x<y`\n\n| k | v |\n|---|--:|\n| t | 1 |');
    expect(html).toContain('<h1>Door</h1>');
    expect(html).toContain('<p><strong>open</strong> for <em>15</em> min</p>');
    expect(html).toContain('<ul>\n<li>a</li>\n<li>b</li>\n</ul>'.replaceAll('\n', ''));
    expect(html).toContain('<code>x&lt;y</code>');
    expect(html).toContain('<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>t</td><td>1</td>');
    // No attribute from the message is copied: the table's alignment style is dropped.
    expect(html).not.toContain('style');
  });

  it('keeps raw HTML as text', () => {
    const html = render('<script>window.x=1</script>\n\nhi <img src=x onerror="window.y=1"> <b>b</b>');
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(html).toContain('&lt;script&gt;window.x=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.y=1&quot;&gt;');
  });

  it('links http(s) only, to open outside, and shows every other scheme as text', () => {
    const html = render(
      '[ok](https://ha.example/a?b=1&c=2) [js](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,<b>x</b>) ' +
        '[file](file:///etc/passwd) [rel](/relative) https://bare.example/x',
    );
    expect(html).toContain(
      '<a href="https://ha.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">ok</a>',
    );
    expect(html).toContain('<a href="https://bare.example/x" target="_blank" rel="noopener noreferrer">');
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).not.toMatch(/href="(?!https:)/);
    for (const text of ['js', 'vb', 'rel', 'file']) expect(html).toContain(text);
  });

  it('shows an image as a button naming its host, never as an <img>', () => {
    const html = render('![cam](https://cam.example/snap.jpg) ![beacon](http://127.0.0.1:9/b.gif) ![x](javascript:1)');
    expect(html).not.toContain('<img');
    expect(html).toContain('Load image from cam.example');
    expect(html).toContain('Load image from 127.0.0.1:9');
    // An image that is not http(s) stays its markdown text: no button, no element.
    expect(html).toContain('![x](javascript:1)');
    expect(html.match(/<button/g)).toHaveLength(4);
  });

  it('passes text runs through the text renderer (search highlights), not code', () => {
    const nodes = markdownToReact('door `door` **door**', (text, key) =>
      createElement('mark', { key }, text.toUpperCase()),
    );
    const html = renderToStaticMarkup(createElement(Fragment, null, nodes));
    expect(html).toBe('<p><mark>DOOR </mark><code>door</code><mark> </mark><strong><mark>DOOR</mark></strong></p>');
  });
});
