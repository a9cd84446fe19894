namespace DockerPS.Operations;

/// <summary>
/// The order the docker CLI lists names in (<c>docker volume ls</c>): runs of digits compare as numbers
/// (<c>v2</c> before <c>v10</c>), everything else ordinally.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        x ??= string.Empty;
        y ??= string.Empty;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (a, b) = (Digits(x, ref i), Digits(y, ref j));
                var (ta, tb) = (a.TrimStart('0'), b.TrimStart('0'));
                var byValue = ta.Length != tb.Length ? ta.Length.CompareTo(tb.Length) : string.CompareOrdinal(ta, tb);
                if (byValue != 0)
                {
                    return byValue;
                }
                // Equal numbers: fewer leading zeros first, so the order is total.
                if (a.Length != b.Length)
                {
                    return a.Length.CompareTo(b.Length);
                }
            }
            else if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }
            else
            {
                i++;
                j++;
            }
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static string Digits(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }
        return text[start..index];
    }
}
