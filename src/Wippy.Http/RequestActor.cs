using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Wippy.Security;

namespace Wippy.Http;

/// <summary>The call context of a request: its authenticated user as the actor, or none (an anonymous caller).</summary>
internal static class RequestActor
{
    /// <summary>The current context with the request's actor (its claims as metadata); the request's method and path as values.</summary>
    public static CallContext ContextOf(HttpContext http)
    {
        var user = http.User;
        Actor? actor = null;
        if (user.Identity is { IsAuthenticated: true } identity)
        {
            var id = identity.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "authenticated";
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var claim in user.Claims) metadata.TryAdd(claim.Type, claim.Value);
            actor = new Actor(id, metadata);
        }
        return CallContext.Current
            .WithActor(actor)
            .WithValue("http.method", http.Request.Method)
            .WithValue("http.path", http.Request.Path.Value);
    }
}
