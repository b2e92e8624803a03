import { describe, expect, it, vi } from 'vitest';
import { buildServiceApp, createShutdown, runService } from '../src/service.js';

function quietApp() {
  return buildServiceApp({ name: 'svc', logLevel: 'silent' });
}

describe('createShutdown', () => {
  it('closes the app, runs the hooks once and exits 0', async () => {
    const app = quietApp();
    const order: string[] = [];
    app.addHook('onClose', async () => {
      order.push('client released');
    });
    const exit = vi.fn();
    const shutdown = createShutdown({ app, hooks: [() => void order.push('hook')], exit });
    await shutdown('SIGTERM');
    expect(order).toEqual(['client released', 'hook']);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it('forces exit 1 on a second request while shutting down, without running hooks twice', async () => {
    const app = quietApp();
    let release: (() => void) | undefined;
    app.addHook('onClose', () => new Promise<void>((resolve) => (release = resolve)));
    const hook = vi.fn();
    const exit = vi.fn();
    const shutdown = createShutdown({ app, hooks: [hook], exit });
    const first = shutdown('SIGTERM');
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    void shutdown('SIGINT');
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    release?.();
    await first;
    expect(hook).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('forces exit 1 when closing takes longer than the timeout', async () => {
    const app = quietApp();
    app.addHook('onClose', () => new Promise<void>((resolve) => setTimeout(resolve, 200)));
    const exit = vi.fn();
    const done = createShutdown({ app, timeoutMs: 20, exit })('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    await done;
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when a hook fails, after running the others', async () => {
    const later = vi.fn();
    const exit = vi.fn();
    await createShutdown({
      app: quietApp(),
      hooks: [
        () => {
          throw new Error('flush failed');
        },
        later,
      ],
      exit,
    })('SIGTERM');
    expect(later).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });
});

describe('runService', () => {
  it('listens, and shuts down when one of its signals arrives', async () => {
    const app = quietApp();
    const onShutdown = vi.fn();
    const exit = vi.fn();
    const running = await runService({
      app,
      port: 0,
      host: '127.0.0.1',
      onShutdown,
      exit,
      signals: ['SIGUSR2'],
    });
    const res = await fetch(`${running.address}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
    process.emit('SIGUSR2');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledExactlyOnceWith(0));
    expect(onShutdown).toHaveBeenCalledTimes(1);
    await expect(fetch(`${running.address}/healthz`)).rejects.toThrow();
  });
});
