// Runs a client example (argv[2]) with a bearer token (ATHANOR_TOKEN) on each request to ATHANOR_BASE_URL.
import { pathToFileURL } from 'node:url';

const token = process.env.ATHANOR_TOKEN;
const baseUrl = process.env.ATHANOR_BASE_URL;
const fetchWithoutToken = globalThis.fetch;

globalThis.fetch = (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(baseUrl)) {
        return fetchWithoutToken(input, init);
    }
    const headers = new Headers(init.headers);
    if (!headers.has('Authorization')) {
        headers.set('Authorization', `Bearer ${token}`);
    }
    return fetchWithoutToken(input, { ...init, headers });
};

await import(pathToFileURL(process.argv[2]).href);
