// The value chart: which messages offer one (and which fields), how its points are laid out, and what it says
// to screen readers; rendered to HTML with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../../src/shared/client.ts';
import type { MessageDetail } from '../../../../src/shared/model.ts';
import { LoadedMessage } from '../../../../src/renderer/inbox/MessageDetail.tsx';
import { ValueChart } from '../../../../src/renderer/inbox/chart/ValueChart.tsx';
import {
  chartablePaths,
  formatValue,
  linePoints,
  summarize,
} from '../../../../src/renderer/inbox/chart/value-fields.ts';
import { ConnectionContext } from '../../../../src/renderer/transport/connection-context.ts';
import { alwaysOpen, type Connection } from '../../../../src/renderer/transport/connection.ts';

// A static render runs no effects, so nothing is ever sent; a transport that refuses is enough.
const connection: Connection = {
  mode: 'browser',
  link: alwaysOpen,
  client: createClient({
    invoke: async () => ({ ok: false, error: { code: 'internal', message: 'not connected in a static render' } }),
    subscribe: () => () => {},
  }),
};

function detail(body: string, bodyKind: MessageDetail['bodyKind']): MessageDetail {
  return {
    id: 1,
    sourceId: 's',
    sourceName: 'Home',
    topic: 'home/temp',
    title: 'home/temp',
    preview: body,
    priority: 3,
    receivedAt: 0,
    read: true,
    bodyKind,
    truncated: false,
    size: body.length,
    keptBytes: body.length,
    body,
    notified: true,
    rule: null,
    decision: { action: 'notify', reason: null },
  };
}

const inApp = (element: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement(ConnectionContext, { value: connection }, element));

describe('chartable fields', () => {
  it('offers a number body whole, and the numeric fields of a JSON body by path', () => {
    expect(chartablePaths(' 21.5 ', 'text')).toEqual(['$']);
    expect(chartablePaths('21.5 °C', 'text')).toEqual([]);
    expect(chartablePaths('21.5', 'json')).toEqual(['$']);
    expect(chartablePaths('{"name":"x","sensor":{"temp":21.5,"on":true},"list":[1,"2"],"odd key":3}', 'json')).toEqual([
      '$.sensor.temp',
      '$.list[0]',
      '$["odd key"]',
    ]);
    expect(chartablePaths('{"state":"open"}', 'json')).toEqual([]);
    expect(chartablePaths('{"temp":21', 'json')).toEqual([]);
    expect(chartablePaths('00 01', 'binary')).toEqual([]);
  });
});

describe('value chart', () => {
  const points = [
    { receivedAt: 3000, value: 21.5 },
    { receivedAt: 2000, value: 23.1 },
    { receivedAt: 1000, value: 19 },
  ];

  it('summarizes newest first and lays out oldest on the left, evenly, lowest at the bottom', () => {
    expect(summarize(points)).toEqual({ last: 21.5, min: 19, max: 23.1, count: 3 });
    expect(summarize([])).toBeNull();
    expect(linePoints(points, 100, 10)).toEqual([
      [0, 10],
      [50, 0],
      [100, 3.9],
    ]);
    expect(linePoints([{ value: 5 }, { value: 5 }], 100, 10)).toEqual([
      [0, 5],
      [100, 5],
    ]);
    expect(linePoints([{ value: 5 }], 100, 10)).toEqual([[50, 5]]);
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
  });

  it('is an image whose label gives the last, lowest and highest values', () => {
    const html = inApp(createElement(ValueChart, { topic: 'home/temp', points }));
    expect(html).toContain('role="img" aria-label="Values of home/temp: last 21.5, min 19, max 23.1 over 3 messages"');
    expect(html).toContain('points="0,60 150,0 300,23.4"');
    expect(html).toContain('last 21.5');
    // A single value is a level line across.
    expect(inApp(createElement(ValueChart, { topic: 't', points: [{ value: 4 }] }))).toContain('points="0,30 300,30"');
    expect(inApp(createElement(ValueChart, { topic: 't', points: [] }))).toBe('');
  });

  it('shows the chart section with a field picker for JSON with numbers, and none for other bodies', () => {
    const json = inApp(createElement(LoadedMessage, { detail: detail('{"temp":21.5,"hum":40}', 'json') }));
    expect(json).toContain('aria-label="Values up to this message"');
    expect(json).toMatch(/Chart field <select>.*<option value="\$\.temp" selected="">\$\.temp<\/option>/);
    expect(json).toContain('<option value="$.hum">$.hum</option>');
    const number = inApp(createElement(LoadedMessage, { detail: detail('21.5', 'text') }));
    expect(number).toContain('aria-label="Values up to this message"');
    expect(number).not.toContain('<select');
    const text = inApp(createElement(LoadedMessage, { detail: detail('door open', 'text') }));
    expect(text).not.toContain('Values up to this message');
  });
});
