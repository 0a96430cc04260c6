/**
 * Native Excel charts (DrawingML) for the plan's ChartPlans. ExcelJS writes none, so the parts are made
 * here: one chart part per chart and one drawing part per sheet anchoring its charts to cells. Every
 * series refers to the plan's cell ranges, so the chart follows the live formulas, and carries the
 * values the engine computed as its cache, so it draws before anything recalculates.
 */
import { sheetRef } from "../core/grid";
import type { CellValue, ChartPlan, ChartSeriesPlan, RangeRef } from "../workbook/plan";
import { NS } from "./ooxmlPackage";
import { escapeAttribute, escapeText, escapeXstring } from "./xml";

/** Reads the cached values a chart shows, from the plan's cells (or a user's sheet for source references). */
export interface ChartData {
  values(ref: RangeRef): (CellValue | null)[];
  format(ref: RangeRef): string | undefined;
}

const PALETTE = ["1F4E79", "C55A11", "548235", "7F6000", "7030A0", "2E75B6", "BF9000", "7F7F7F"];
const CATEGORY_AXIS_ID = 500000001;
const VALUE_AXIS_ID = 500000002;

function richText(text: string, options: { size: number; bold: boolean; rotated?: boolean }): string {
  const bodyPr = options.rotated ? '<a:bodyPr rot="-5400000" vert="horz"/>' : "<a:bodyPr/>";
  const b = options.bold ? ' b="1"' : ' b="0"';
  return (
    `<c:tx><c:rich>${bodyPr}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${options.size}"${b}/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" sz="${options.size}"${b}/><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function titleXml(text: string, size: number, rotated = false): string {
  return `<c:title>${richText(text, { size, bold: true, rotated })}<c:overlay val="0"/></c:title>`;
}

function categoryXml(chart: ChartPlan, data: ChartData): string {
  const f = `<c:f>${escapeText(sheetRef(chart.categories.sheet, chart.categories.row, chart.categories.col, chart.categories.rows, chart.categories.cols))}</c:f>`;
  const values = data.values(chart.categories);
  const points = (render: (value: CellValue) => string): string =>
    values
      .map((value, idx) =>
        value === null || value === "" ? "" : `<c:pt idx="${idx}"><c:v>${render(value)}</c:v></c:pt>`,
      )
      .join("");
  if (values.length > 0 && values.every((value) => typeof value === "number")) {
    const format = data.format(chart.categories) ?? "General";
    return `<c:cat><c:numRef>${f}<c:numCache><c:formatCode>${escapeText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points((v) => String(v))}</c:numCache></c:numRef></c:cat>`;
  }
  return `<c:cat><c:strRef>${f}<c:strCache><c:ptCount val="${values.length}"/>${points((v) => escapeXstring(String(v)))}</c:strCache></c:strRef></c:cat>`;
}

function valuesXml(series: ChartSeriesPlan, data: ChartData): string {
  const ref = series.values;
  const values = data.values(ref);
  const points = values
    .map((value, idx) =>
      typeof value === "number" && Number.isFinite(value) ? `<c:pt idx="${idx}"><c:v>${value}</c:v></c:pt>` : "",
    )
    .join("");
  const format = data.format(ref) ?? "General";
  return (
    `<c:val><c:numRef><c:f>${escapeText(sheetRef(ref.sheet, ref.row, ref.col, ref.rows, ref.cols))}</c:f>` +
    `<c:numCache><c:formatCode>${escapeText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache></c:numRef></c:val>`
  );
}

function seriesXml(chart: ChartPlan, series: ChartSeriesPlan, index: number, data: ChartData): string {
  const color = escapeAttribute(series.color ?? PALETTE[index % PALETTE.length]);
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${escapeXstring(series.name)}</c:v></c:tx>`;
  const body = categoryXml(chart, data) + valuesXml(series, data);
  switch (chart.type) {
    case "line":
    case "lineMarkers": {
      const dash = series.dashed ? '<a:prstDash val="dash"/>' : "";
      const line = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${dash}<a:round/></a:ln></c:spPr>`;
      const marker =
        chart.type === "lineMarkers"
          ? `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr></c:marker>`
          : '<c:marker><c:symbol val="none"/></c:marker>';
      return `<c:ser>${head}${line}${marker}${body}<c:smooth val="0"/></c:ser>`;
    }
    case "pie":
      return `<c:ser>${head}${body}</c:ser>`;
    default:
      return `<c:ser>${head}<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${body}</c:ser>`;
  }
}

/** The number format of numeric categories (dates on a time axis), so the axis shows "Feb-17", not 42794. */
function categoryFormat(chart: ChartPlan, data: ChartData): string | undefined {
  const values = data.values(chart.categories);
  return values.length > 0 && values.every((value) => typeof value === "number")
    ? data.format(chart.categories)
    : undefined;
}

function axesXml(chart: ChartPlan, horizontalBars: boolean, categoryNumFmt: string | undefined): string {
  const categoryTitle = chart.xAxisTitle ? titleXml(chart.xAxisTitle, 1000) : "";
  const valueTitle = chart.yAxisTitle ? titleXml(chart.yAxisTitle, 1000, !horizontalBars) : "";
  const valueFormat = chart.yAxisFormat
    ? `<c:numFmt formatCode="${escapeAttribute(chart.yAxisFormat)}" sourceLinked="0"/>`
    : '<c:numFmt formatCode="General" sourceLinked="1"/>';
  const ticks = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>';
  const categoryAxisFormat = categoryNumFmt
    ? `<c:numFmt formatCode="${escapeAttribute(categoryNumFmt)}" sourceLinked="0"/>`
    : '<c:numFmt formatCode="General" sourceLinked="1"/>';
  return (
    `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontalBars ? "l" : "b"}"/>${categoryTitle}${categoryAxisFormat}${ticks}` +
    `<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontalBars ? "b" : "l"}"/><c:majorGridlines/>${valueTitle}${valueFormat}${ticks}` +
    `<c:crossAx val="${CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

function plotXml(chart: ChartPlan, data: ChartData): string {
  const series = chart.series.map((s, i) => seriesXml(chart, s, i, data)).join("");
  const axisIds = `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>`;
  switch (chart.type) {
    case "pie":
      return `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
    case "line":
    case "lineMarkers":
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axisIds}</c:lineChart>${axesXml(chart, false, categoryFormat(chart, data))}`;
    default: {
      const horizontal = chart.type === "barClustered";
      const stacked = chart.type === "columnStacked";
      const grouping = stacked ? "stacked" : "clustered";
      const overlap = stacked ? '<c:overlap val="100"/>' : "";
      return (
        `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${series}` +
        `<c:gapWidth val="150"/>${overlap}${axisIds}</c:barChart>${axesXml(chart, horizontal, categoryFormat(chart, data))}`
      );
    }
  }
}

/** `date1904`: the workbook's date system, in which the cached dates of categories are given. */
export function renderChartXml(chart: ChartPlan, data: ChartData, date1904 = false): string {
  const legend =
    chart.series.length > 1 || chart.type === "pie"
      ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
      : "";
  return (
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    `${date1904 ? '<c:date1904 val="1"/>' : ""}<c:roundedCorners val="0"/><c:chart>${titleXml(chart.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plotXml(chart, data)}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:chartSpace>`
  );
}

export interface AnchoredChart {
  chart: ChartPlan;
  /** The drawing part's relationship id of the chart part. */
  relId: string;
}

/** The drawing part of one sheet: each chart in a frame spanning its anchor's cells. */
export function renderDrawingXml(charts: AnchoredChart[]): string {
  const anchors = charts
    .map(({ chart, relId }, i) => {
      const { row, col, rows, cols } = chart.anchor;
      const marker = (tag: string, r: number, c: number): string =>
        `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker("from", row, col)}${marker("to", row + rows, col + cols)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttribute(chart.key)}" title="${escapeAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="${relId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">${anchors}</xdr:wsDr>`;
}
