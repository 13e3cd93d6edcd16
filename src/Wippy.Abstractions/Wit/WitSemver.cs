namespace Wippy.Wit;

/// <summary>Checks the shape of a semantic version (https://semver.org): <c>MAJOR.MINOR.PATCH[-pre][+build]</c>.</summary>
internal static class WitSemver
{
    public static bool IsValid(string version)
    {
        string rest = version;
        int plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (!AreIdentifiers(rest.Substring(plus + 1))) return false;
            rest = rest.Substring(0, plus);
        }
        int dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            if (!AreIdentifiers(rest.Substring(dash + 1))) return false;
            rest = rest.Substring(0, dash);
        }
        string[] core = rest.Split('.');
        if (core.Length != 3) return false;
        foreach (string part in core)
        {
            if (part.Length == 0 || (part.Length > 1 && part[0] == '0')) return false;
            foreach (char c in part)
            {
                if (c < '0' || c > '9') return false;
            }
        }
        return true;
    }

    private static bool AreIdentifiers(string dotted)
    {
        foreach (string part in dotted.Split('.'))
        {
            if (part.Length == 0) return false;
            foreach (char c in part)
            {
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                if (!ok) return false;
            }
        }
        return true;
    }
}
