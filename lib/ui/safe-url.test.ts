import { describe, expect, it } from 'vitest';
import { httpUrl, imageSrc, roomWebUrl } from './safe-url';

describe('httpUrl', () => {
  it.each([
    ['https://community.example/c/post#comment_1', 'https://community.example/c/post#comment_1'],
    ['http://127.0.0.1:4400/x', 'http://127.0.0.1:4400/x'],
    ['  https://example.com  ', 'https://example.com/'],
  ])('keeps %s', (input, output) => expect(httpUrl(input)).toBe(output));

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', 'file:///etc/passwd', 'chrome-extension://abc/options.html', '/relative', '//evil.example/x', '', undefined, 42, {}])(
    'refuses %s',
    (input) => expect(httpUrl(input)).toBeUndefined(),
  );
});

describe('imageSrc', () => {
  it('allows inline images and https only', () => {
    expect(imageSrc('data:image/svg+xml;base64,PHN2Zz4=')).toBe('data:image/svg+xml;base64,PHN2Zz4=');
    expect(imageSrc('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    for (const bad of ['http://cdn.example/a.png', 'javascript:alert(1)', 'data:text/html,x', 'x', '', undefined]) expect(imageSrc(bad)).toBeUndefined();
  });
});

describe('roomWebUrl', () => {
  it('puts the room under the community origin', () => {
    expect(roomWebUrl('https://community.example', 'abc-123')).toBe('https://community.example/messages/abc-123');
    expect(roomWebUrl('https://community.example/some/path', 'abc')).toBe('https://community.example/messages/abc');
    expect(roomWebUrl('https://community.example', '../x?y')).toBe('https://community.example/messages/..%2Fx%3Fy');
  });
  it('offers nothing without an http(s) origin', () => {
    expect(roomWebUrl(undefined, 'a')).toBeUndefined();
    expect(roomWebUrl('javascript:alert(1)', 'a')).toBeUndefined();
  });
});
