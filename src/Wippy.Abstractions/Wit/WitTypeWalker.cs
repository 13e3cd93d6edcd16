namespace Wippy.Wit;

/// <summary>Visits the references inside a type use: every <see cref="WitNamedType"/> and <see cref="WitHandleType"/>.</summary>
internal static class WitTypeWalker
{
    public static void VisitReferences(WitType? type, Action<WitType> visit)
    {
        switch (type)
        {
            case null:
                return;
            case WitNamedType or WitHandleType:
                visit(type);
                return;
            case WitListType list:
                VisitReferences(list.Element, visit);
                return;
            case WitOptionType option:
                VisitReferences(option.Inner, visit);
                return;
            case WitResultType result:
                VisitReferences(result.Ok, visit);
                VisitReferences(result.Err, visit);
                return;
            case WitTupleType tuple:
                foreach (var element in tuple.Elements) VisitReferences(element, visit);
                return;
            case WitFutureType future:
                VisitReferences(future.Element, visit);
                return;
            case WitStreamType stream:
                VisitReferences(stream.Element, visit);
                return;
            case WitMapType map:
                VisitReferences(map.Key, visit);
                VisitReferences(map.Value, visit);
                return;
        }
    }

    /// <summary>Visits the references of every type written in a type definition (fields, payloads, alias target, resource functions).</summary>
    public static void VisitReferences(WitTypeDef def, Action<WitType> visit)
    {
        switch (def)
        {
            case WitTypeAlias alias:
                VisitReferences(alias.Target, visit);
                break;
            case WitRecord record:
                foreach (var field in record.Fields) VisitReferences(field.Type, visit);
                break;
            case WitVariant variant:
                foreach (var @case in variant.Cases) VisitReferences(@case.Payload, visit);
                break;
            case WitResource resource:
                foreach (var function in resource.Functions) VisitReferences(function, visit);
                break;
        }
    }

    /// <summary>Visits the references of a function's parameters and result.</summary>
    public static void VisitReferences(WitFunction function, Action<WitType> visit)
    {
        foreach (var parameter in function.Params) VisitReferences(parameter.Type, visit);
        VisitReferences(function.Result, visit);
    }
}
