using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>One key of a YAML map with its key and value nodes.</summary>
internal sealed record MapField(string Key, YamlScalarNode KeyNode, YamlNode Value);
