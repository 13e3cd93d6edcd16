namespace Wippy.Host.Hosting;

/// <summary>One <c>AddWippy(options => …)</c> call, kept as a service so the runtime's factory applies it.</summary>
/// <param name="Configure">The app's adjustments of the runtime options, or null.</param>
public sealed record WippyConfiguration(Action<WippyRuntimeOptions>? Configure);
