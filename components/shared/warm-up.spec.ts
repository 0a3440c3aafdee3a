describe('warmMessageRendering', () => {
  const idle = globalThis as { requestIdleCallback?: unknown };
  const original = idle.requestIdleCallback;
  afterEach(() => (idle.requestIdleCallback = original));

  it('schedules its work once per page, one piece per idle callback, and ends by rendering a styled body', async () => {
    const callbacks: (() => void)[] = [];
    idle.requestIdleCallback = (callback: () => void) => callbacks.push(callback);
    const styling = await import('../../markup/styling');
    const render = jest.spyOn(styling, 'renderStyledBody');
    const { warmMessageRendering } = await import('./warm-up');
    warmMessageRendering();
    warmMessageRendering();
    expect(callbacks.length).toBe(2);
    callbacks.splice(0).forEach(run => run());
    // The styling code arrives (a dynamic import), then its tables are built in a callback of their own.
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(callbacks.length).toBe(1);
    expect(render).not.toHaveBeenCalled();
    callbacks[0]();
    expect(render).toHaveBeenCalledTimes(1);
  });
});
