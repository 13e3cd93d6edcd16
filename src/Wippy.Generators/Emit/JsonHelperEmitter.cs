using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits, per WIT type, a JSON reader and writer with the mapping of docs/values.md (records as objects keyed by
/// WIT field names, results as <c>{"ok": v}</c>/<c>{"err": e}</c>, variants as <c>{"case": payload}</c>,
/// enums as case names, flags as arrays of names, bytes as base64). Used by the command line's <c>call</c>.
/// Readers throw Invalid errors naming the path of the bad value.
/// </summary>
internal sealed class JsonHelperEmitter
{
    private const string Json = HostApi.JsonValues;
    private const string Element = "global::System.Text.Json.JsonElement";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";

    private readonly string _typeNamespace;
    private readonly HelperSet _helpers = new();

    public JsonHelperEmitter(string typeNamespace) => _typeNamespace = typeNamespace;

    public string Read(TypeModel type) => _helpers.Request("Read", type);

    public string Write(TypeModel type) => _helpers.Request("Write", type);

    public void EmitAll(CodeWriter w) => _helpers.EmitAll(w, (body, kind, type) =>
    {
        if (kind == "Read") EmitRead(body, type);
        else EmitWrite(body, type);
    });

    private string Cs(TypeModel t) => TypeNames.Cs(t, _typeNamespace);

    private void EmitRead(CodeWriter w, TypeModel type)
    {
        using (w.Open($"internal static {Cs(type)} Read_{TypeNames.Key(type)}({Element} json, string what)"))
        {
            switch (type)
            {
                case PrimitiveType p:
                    w.Line($"return {Json}.Read{p.Kind}(json, what);");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line($"return {Json}.ReadBytes(json, what);");
                    break;
                case ListType l:
                    w.Line($"{Json}.ExpectArray(json, what);");
                    w.Line($"var items = new {TypeNames.NewArray(l.Element, "json.GetArrayLength()", _typeNamespace)};");
                    w.Line("var i = 0;");
                    using (w.Open("foreach (var item in json.EnumerateArray())"))
                    {
                        w.Line($"items[i] = {Read(l.Element)}(item, what + \"[\" + i + \"]\");");
                        w.Line("i++;");
                    }
                    w.Line("return items;");
                    break;
                case OptionType o:
                    w.Line("if (json.ValueKind == global::System.Text.Json.JsonValueKind.Null) return default;");
                    w.Line(o.Inner is OptionType
                        ? $"return {Cs(type)}.Some({Read(o.Inner)}(json, what));"
                        : $"return {Read(o.Inner)}(json, what);");
                    break;
                case ResultType r:
                    w.Line($"var (isOk, payload) = {Json}.ReadResult(json, what);");
                    w.Line($"if (isOk) return {Cs(type)}.Ok({(r.Ok is null ? "default" : $"{Read(r.Ok)}(payload, what + \".ok\")")});");
                    w.Line($"return {Cs(type)}.Err({(r.Err is null ? "default" : $"{Read(r.Err)}(payload, what + \".err\")")});");
                    break;
                case TupleType t:
                {
                    w.Line($"{Json}.ExpectArray(json, what, {t.Elements.Count});");
                    var items = t.Elements.Select((e, i) => $"{Read(e)}(json[{i}], what + \"[{i}]\")").ToList();
                    w.Line(t.Elements.Count == 1 ? $"return new {Cs(type)}({items[0]});" : "return (" + string.Join(", ", items) + ");");
                    break;
                }
                case RecordType r:
                    w.Line($"{Json}.ExpectObject(json, what);");
                    w.Line($"return new {Cs(type)}(");
                    for (var i = 0; i < r.Fields.Count; i++)
                    {
                        var f = r.Fields[i];
                        w.Line($"    {Read(f.Type)}({Json}.Field(json, \"{f.WitName}\", what, {Literals.Bool(f.Type is OptionType)}), what + \".{f.WitName}\"){(i + 1 < r.Fields.Count ? "," : ");")}");
                    }
                    break;
                case EnumType e:
                    w.Line($"var name = {Json}.ReadString(json, what);");
                    using (w.Open("switch (name)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case \"{c.WitName}\": return {Cs(type)}.{c.CsName};");
                        w.Line($"default: throw {Json}.Invalid(what, \"expected one of {string.Join(", ", e.Cases.Select(c => c.WitName))}, got '\" + name + \"'\");");
                    }
                    break;
                case FlagsType f:
                    w.Line($"{Json}.ExpectArray(json, what);");
                    w.Line($"var flags = default({Cs(type)});");
                    using (w.Open("foreach (var item in json.EnumerateArray())"))
                    {
                        w.Line($"var name = {Json}.ReadString(item, what + \"[]\");");
                        using (w.Open("switch (name)"))
                        {
                            foreach (var c in f.Flags) w.Line($"case \"{c.WitName}\": flags |= {Cs(type)}.{c.CsName}; break;");
                            w.Line($"default: throw {Json}.Invalid(what, \"expected flags among {string.Join(", ", f.Flags.Select(c => c.WitName))}, got '\" + name + \"'\");");
                        }
                    }
                    w.Line("return flags;");
                    break;
                case VariantType v:
                    w.Line($"var (name, payload) = {Json}.ReadCase(json, what);");
                    using (w.Open("switch (name)"))
                    {
                        foreach (var c in v.Cases)
                        {
                            w.Line(c.Payload is null
                                ? $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}();"
                                : $"case \"{c.WitName}\": return new {Cs(type)}.{c.CsName}({Read(c.Payload)}(payload, what + \".{c.WitName}\"));");
                        }
                        w.Line($"default: throw {Json}.Invalid(what, \"expected one of the cases {string.Join(", ", v.Cases.Select(c => c.WitName))}, got '\" + name + \"'\");");
                    }
                    break;
            }
        }
    }

    private void EmitWrite(CodeWriter w, TypeModel type)
    {
        using (w.Open($"internal static void Write_{TypeNames.Key(type)}({Writer} writer, {Cs(type)} value)"))
        {
            switch (type)
            {
                case PrimitiveType p:
                    w.Line($"{Json}.Write{p.Kind}(writer, value);");
                    break;
                case ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } }:
                    w.Line("writer.WriteBase64StringValue(value);");
                    break;
                case ListType l:
                    w.Line("writer.WriteStartArray();");
                    w.Line($"foreach (var item in value) {Write(l.Element)}(writer, item);");
                    w.Line("writer.WriteEndArray();");
                    break;
                case OptionType o:
                    if (o.Inner is OptionType) w.Line($"if (value.HasValue) {Write(o.Inner)}(writer, value.Value); else writer.WriteNullValue();");
                    else if (TypeNames.IsReference(o.Inner)) w.Line($"if (value is not null) {Write(o.Inner)}(writer, value); else writer.WriteNullValue();");
                    else w.Line($"if (value.HasValue) {Write(o.Inner)}(writer, value.Value); else writer.WriteNullValue();");
                    break;
                case ResultType r:
                    w.Line("writer.WriteStartObject();");
                    using (w.Open("if (value.IsOk)"))
                    {
                        w.Line("writer.WritePropertyName(\"ok\");");
                        w.Line(r.Ok is null ? "writer.WriteNullValue();" : $"{Write(r.Ok)}(writer, value.Value);");
                    }
                    using (w.Open("else"))
                    {
                        w.Line("writer.WritePropertyName(\"err\");");
                        w.Line(r.Err is null ? "writer.WriteNullValue();" : $"{Write(r.Err)}(writer, value.Error);");
                    }
                    w.Line("writer.WriteEndObject();");
                    break;
                case TupleType t:
                    w.Line("writer.WriteStartArray();");
                    for (var i = 0; i < t.Elements.Count; i++) w.Line($"{Write(t.Elements[i])}(writer, value.Item{i + 1});");
                    w.Line("writer.WriteEndArray();");
                    break;
                case RecordType r:
                    w.Line("writer.WriteStartObject();");
                    foreach (var f in r.Fields)
                    {
                        w.Line($"writer.WritePropertyName(\"{f.WitName}\");");
                        w.Line($"{Write(f.Type)}(writer, value.{f.CsName});");
                    }
                    w.Line("writer.WriteEndObject();");
                    break;
                case EnumType e:
                    using (w.Open("switch (value)"))
                    {
                        foreach (var c in e.Cases) w.Line($"case {Cs(type)}.{c.CsName}: writer.WriteStringValue(\"{c.WitName}\"); break;");
                        w.Line("default: writer.WriteNumberValue((int)value); break;");
                    }
                    break;
                case FlagsType f:
                    w.Line("writer.WriteStartArray();");
                    foreach (var c in f.Flags) w.Line($"if ((value & {Cs(type)}.{c.CsName}) != 0) writer.WriteStringValue(\"{c.WitName}\");");
                    w.Line("writer.WriteEndArray();");
                    break;
                case VariantType v:
                    w.Line("writer.WriteStartObject();");
                    using (w.Open("switch (value)"))
                    {
                        for (var i = 0; i < v.Cases.Count; i++)
                        {
                            var c = v.Cases[i];
                            using (w.Open(c.Payload is null ? $"case {Cs(type)}.{c.CsName}:" : $"case {Cs(type)}.{c.CsName} case{i}:"))
                            {
                                w.Line($"writer.WritePropertyName(\"{c.WitName}\");");
                                w.Line(c.Payload is null ? "writer.WriteNullValue();" : $"{Write(c.Payload)}(writer, case{i}.Value);");
                                w.Line("break;");
                            }
                        }
                    }
                    w.Line("writer.WriteEndObject();");
                    break;
            }
        }
    }
}
