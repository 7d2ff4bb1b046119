/** The two error shapes salt-api produces: CherryPy's HTML error page, and a serialised 500 object. */
export const CHERRYPY_VERSION = '18.8.0';

const REASONS: Record<number, [string, string]> = {
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  401: ['Unauthorized', 'No permission -- see authorization schemes'],
  403: ['Forbidden', 'Request forbidden -- authorization will not help'],
  404: ['Not Found', 'Nothing matches the given URI'],
  405: ['Method Not Allowed', 'Specified method is invalid for this resource'],
  406: ['Not Acceptable', 'URI not available in preferred format'],
  411: ['Length Required', 'Client must specify Content-Length'],
  500: ['Internal Server Error', 'The server encountered an unexpected condition which prevented it from fulfilling the request.'],
  503: ['Service Unavailable', 'The server is currently unable to handle the request due to a temporary overloading or maintenance of the server.'],
  504: ['Gateway Timeout', 'The gateway server did not receive a timely response'],
};

/** CherryPy's `HTTPError`: without a message it falls back to Python's default text for the status. */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message?: string, headers: Record<string, string> = {}) {
    super(message ?? REASONS[status]?.[1] ?? 'Error');
    this.status = status;
    this.headers = headers;
  }
}

/** Raised where Python would raise something unexpected: salt-api answers `500 {"status": 500, ...}`. */
export class UnexpectedError extends Error {}

export function statusLine(status: number): string {
  return `${status} ${REASONS[status]?.[0] ?? 'Error'}`;
}

/** CherryPy's `escape_html` leaves quotes alone (`escape_quote=False`). */
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CherryPy 18's default error page; clients pull the message out of the first `<p>`. */
export function errorPage(status: number, message: string): string {
  const title = statusLine(status);
  return `<!DOCTYPE html PUBLIC
"-//W3C//DTD XHTML 1.0 Transitional//EN"
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8"></meta>
    <title>${title}</title>
    <style type="text/css">
    #powered_by {
        margin-top: 20px;
        border-top: 2px solid black;
        font-style: italic;
    }

    #traceback {
        color: red;
    }
    </style>
</head>
    <body>
        <h2>${title}</h2>
        <p>${escapeHtml(message)}</p>
        <pre id="traceback"></pre>
    <div id="powered_by">
      <span>
        Powered by <a href="http://www.cherrypy.dev">CherryPy ${CHERRYPY_VERSION}</a>
      </span>
    </div>
    </body>
</html>
`;
}
