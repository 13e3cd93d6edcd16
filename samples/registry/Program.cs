return Wippy.Host.Cli.WippyApp.Run(args, Wippy.Samples.Registry.WippyRegistry.CreateManifest());
