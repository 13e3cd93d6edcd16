using Wippy.Http;

// The sample's command line (run, list, call, wit, check); run also serves the registry's HTTP endpoints.
return Wippy.Host.Cli.WippyApp.Run(args, Wippy.Samples.Registry.WippyRegistry.CreateManifest(), services => services.AddWippyHttp());
