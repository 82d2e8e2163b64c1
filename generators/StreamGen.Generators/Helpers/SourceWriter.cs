using System;
using System.Text;

namespace StreamGen.Generators.Helpers;

/// <summary>A StringBuilder that tracks indentation, so the emitter reads like the code it writes.</summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _text = new();

    public int Indentation { get; set; }

    public void OpenBlock()
    {
        WriteLine("{");
        Indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _text.Append('\n');

    public void WriteLine(string line)
    {
        // Multi-line snippets keep their relative indentation under the current level.
        foreach (var part in line.Split('\n'))
        {
            if (part.Length > 0)
            {
                _text.Append(' ', Indentation * SpacesPerLevel).Append(part);
            }

            _text.Append('\n');
        }
    }

    public override string ToString() => _text.ToString();
}
