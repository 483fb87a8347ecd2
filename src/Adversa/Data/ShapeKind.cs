namespace Adversa.Data;

/// <summary>The figure drawn in the centre of a synthetic-shapes image (seed 003).</summary>
public enum ShapeKind
{
    /// <summary>An axis-aligned square filling the feature box.</summary>
    Square,
    /// <summary>A disc inscribed in the feature box.</summary>
    Circle,
    /// <summary>An upright isosceles triangle: apex at the top centre, base along the bottom of the feature box.</summary>
    Triangle,
}
