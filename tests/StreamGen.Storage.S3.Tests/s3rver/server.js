// The local S3 server of S3ServerFixture: s3rver on a free loopback port (port 0, so no race for a port),
// one bucket, data in the given directory. Prints "listening <port>" when ready and exits when its stdin
// closes, so it dies with the test host however the test host ends.
'use strict';
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  console.error('usage: node server.js <data-directory> <bucket>');
  process.exit(2);
}

new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] })
  .run()
  .then(({ port }) => console.log(`listening ${port}`))
  .catch(err => {
    console.error(err);
    process.exit(1);
  });

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
