import { afterEach, inject } from 'vitest';

// A failing integration test says where the broker's and server's logs are.
afterEach((context) => {
  const logs = inject('infra').logs;
  if (context.task.result?.state === 'fail' && logs.length > 0) {
    console.error(`infrastructure logs: ${logs.join(', ')}`);
  }
});
