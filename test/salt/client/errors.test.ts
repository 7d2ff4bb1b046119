import { describe, expect, it } from 'vitest';
import { extractErrorMessage, squash } from '../../../src/salt/client/errors.js';

const cherryPyPage = (status: string, message: string) => `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8"></meta>
    <title>${status}</title>
    <style type="text/css">#powered_by { margin-top: 20px; }</style>
</head>
    <body>
        <h2>${status}</h2>
        <p>${message}</p>
        <pre id="traceback"></pre>
    <div id="powered_by">
      <span>Powered by <a href="http://www.cherrypy.dev">CherryPy 18.8.0</a></span>
    </div>
    </body>
</html>`;

describe('extractErrorMessage', () => {
  it('takes the first <p> of a CherryPy page, tags stripped, entities decoded, whitespace squashed', () => {
    expect(extractErrorMessage(cherryPyPage('401 Unauthorized', 'Could not authenticate using provided credentials'), 'text/html;charset=utf-8'))
      .toBe('Could not authenticate using provided credentials');
    expect(extractErrorMessage(cherryPyPage('400 Bad Request', "Invalid client specified: &#x27;x&#x27;\n   <b>now</b>"))).toBe("Invalid client specified: 'x' now");
    expect(extractErrorMessage(cherryPyPage('406 Not Acceptable', 'Your client sent this Accept header: text/csv. But this resource only emits these media types: application/json, application/x-yaml.')))
      .toContain('only emits these media types');
  });

  it('reads detail, message, error, or Salt\'s own return from JSON bodies', () => {
    expect(extractErrorMessage('{"status": 500, "return": "An unexpected error occurred"}', 'application/json')).toBe('An unexpected error occurred');
    expect(extractErrorMessage('{"detail": "d", "message": "m"}')).toBe('d');
    expect(extractErrorMessage('{"message": "m"}')).toBe('m');
    expect(extractErrorMessage('{"error": "e"}')).toBe('e');
  });

  it('falls back to the title, then to the text itself, and caps the length at 500', () => {
    expect(extractErrorMessage('<html><title>504 Gateway Time-out</title></html>')).toBe('504 Gateway Time-out');
    expect(extractErrorMessage('plain   text\nanswer')).toBe('plain text answer');
    expect(squash('x'.repeat(600))).toHaveLength(500);
  });
});
