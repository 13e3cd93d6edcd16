// A wasi:http/incoming-handler written in JavaScript against the WASI types directly (no fetch
// event), componentized by ComponentizeJS (see build.sh and ../README.md, "http-js").
//
//   GET /hello/<name>  200, content-type: text/plain; charset=utf-8, x-guest: js, body "Hello, <name>!"
//                      (<name> = the rest of the path, query removed, not decoded)
//   POST /echo         200, the request's content-type values copied (none: no header), body = the
//                      request body, read and written back chunk by chunk (at most 4096 bytes each)
//   anything else      404, no headers, body "not found: <path-with-query>"
//
// The simple responses are written and finished before `response-outparam.set`; /echo sets the
// response first and then streams, so the host sees the response while the body is still coming.

import {
  Fields,
  IncomingRequest,
  OutgoingBody,
  OutgoingResponse,
  ResponseOutparam,
} from 'wasi:http/types@0.2.12';

const CHUNK = 4096; // blocking-write-and-flush takes at most 4096 bytes per call
const utf8 = new TextEncoder();

function headersFrom(list) {
  const fields = new Fields();
  for (const [name, value] of list) {
    fields.append(name, typeof value === 'string' ? utf8.encode(value) : value);
  }
  return fields;
}

// Writes `bytes` to an output stream in chunks of at most CHUNK bytes.
function writeAll(out, bytes) {
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out.blockingWriteAndFlush(bytes.subarray(i, i + CHUNK));
  }
}

// A whole response: headers, status, body written and finished, then handed to the host.
function respond(responseOut, status, headerList, text) {
  const response = new OutgoingResponse(headersFrom(headerList));
  response.setStatusCode(status);
  const body = response.body();
  const out = body.write();
  writeAll(out, utf8.encode(text));
  out[Symbol.dispose](); // the stream must be gone before the body is finished
  OutgoingBody.finish(body, undefined);
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
}

// True when a stream call threw stream-error.closed (the end of the stream).
function isClosed(e) {
  const v = e && typeof e === 'object' && 'payload' in e ? e.payload : e;
  return v !== null && typeof v === 'object' && v.tag === 'closed';
}

function echo(request, responseOut) {
  const headerList = request
    .headers()
    .get('content-type')
    .map((value) => ['content-type', value]);
  const response = new OutgoingResponse(headersFrom(headerList));
  response.setStatusCode(200);
  const outBody = response.body();
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });

  const inBody = request.consume();
  const input = inBody.stream();
  const out = outBody.write();
  for (;;) {
    let chunk;
    try {
      chunk = input.blockingRead(BigInt(CHUNK));
    } catch (e) {
      if (isClosed(e)) break;
      throw e;
    }
    if (chunk.length > 0) out.blockingWriteAndFlush(chunk);
  }
  input[Symbol.dispose]();
  inBody[Symbol.dispose]();
  out[Symbol.dispose]();
  OutgoingBody.finish(outBody, undefined);
}

export const incomingHandler = {
  handle(request, responseOut) {
    const method = request.method();
    const pathWithQuery = request.pathWithQuery() ?? '';
    const q = pathWithQuery.indexOf('?');
    const path = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);

    if (method.tag === 'get' && path.startsWith('/hello/')) {
      respond(
        responseOut,
        200,
        [
          ['content-type', 'text/plain; charset=utf-8'],
          ['x-guest', 'js'],
        ],
        `Hello, ${path.slice('/hello/'.length)}!`,
      );
    } else if (method.tag === 'post' && path === '/echo') {
      echo(request, responseOut);
    } else {
      respond(responseOut, 404, [], `not found: ${pathWithQuery}`);
    }
  },
};
