namespace Wippy.Wit;

/// <summary>The WIT rules for identifiers (kebab-case words, each all lower case or all upper case).</summary>
internal static class WitIdentifier
{
    /// <summary>Returns why <paramref name="name"/> (without <c>%</c>) is not a valid identifier, or null when it is.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0) return "it is empty";
        foreach (string word in name.Split('-'))
        {
            if (word.Length == 0) return "'-' must separate two words (no leading, trailing or doubled '-')";
            if (!IsLetter(word[0])) return "each word must start with a letter ('" + word + "' does not)";
            bool lower = false, upper = false;
            foreach (char c in word)
            {
                if (c >= 'a' && c <= 'z') lower = true;
                else if (c >= 'A' && c <= 'Z') upper = true;
            }
            if (lower && upper) return "each word must be all lower case or all upper case ('" + word + "' mixes them)";
        }
        return null;
    }

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
