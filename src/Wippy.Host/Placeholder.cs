namespace Wippy.Host;
