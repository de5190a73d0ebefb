// Prints the HTTP status of a GET (HTTP/1.1), optionally with Basic credentials "user:password".
// test.sh uses it for the web endpoints (/health/*, the dashboard) without depending on curl.
// Usage: node http-status.mjs <url> [user:password]
const [url, credentials] = process.argv.slice(2);
const headers = credentials ? { authorization: "Basic " + Buffer.from(credentials).toString("base64") } : {};
try {
  const response = await fetch(url, { headers });
  console.log(response.status);
} catch (e) {
  console.log(0);
}
