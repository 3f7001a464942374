using NetTopologySuite.Geometries;

namespace EcoPlan.Web.Clues.Map;

/// <summary>One group of shapes drawn together, in order (boundaries first, then clues, then photos).</summary>
/// <param name="Name">Written as the layer's data-layer attribute.</param>
/// <param name="Shapes">The shapes.</param>
public sealed record MapLayer(string Name, IReadOnlyList<MapShape> Shapes);

/// <summary>
/// A shape on the map: a polygon (holes and multipolygons too), a line, or a point, in lon/lat degrees (CGCS2000 / WGS84,
/// x = longitude). <paramref name="CssClass"/> colours it (geomap.css); <paramref name="Title"/> is its tooltip;
/// <paramref name="Href"/> makes it a link; <paramref name="DirectionDegrees"/> (clockwise from north) draws a point as a
/// photo position with an arrow the way the camera looked.
/// </summary>
/// <param name="LonLat">The geometry, longitude first.</param>
/// <param name="CssClass">One or more classes, e.g. "clue-pending".</param>
/// <param name="Title">The tooltip.</param>
/// <param name="Href">Where a click on the shape goes; null for none.</param>
/// <param name="DirectionDegrees">For photo points: which way the camera looked.</param>
public sealed record MapShape(Geometry LonLat, string CssClass, string Title, string? Href = null, double? DirectionDegrees = null);

/// <summary>A legend entry: a swatch drawn with <paramref name="CssClass"/>, as the shapes are, and its label.</summary>
/// <param name="CssClass">The class the shapes carry.</param>
/// <param name="Label">What the colour means, in the reader's language.</param>
public sealed record MapLegendItem(string CssClass, string Label);
