import { useEffect, useRef, type PointerEvent } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface SignaturePadProps {
  /** A PNG data URL of what was drawn, or null while the pad is empty. */
  value?: string | null;
  onChange?: (value: string | null) => void;
  width?: number;
  height?: number;
}

/**
 * 手写签名: a canvas to sign on with a mouse, pen or finger (pointer events; `touch-action: none` keeps the page from
 * scrolling under a finger). Every finished stroke exports the drawing as a PNG data URL, the form the API takes.
 */
export function SignaturePad({ value = null, onChange, width = 480, height = 160 }: SignaturePadProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ pointerId: number; x: number; y: number } | null>(null);

  // Sharp lines on high-density screens: the bitmap has device pixels, drawing uses CSS pixels.
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = width * ratio;
    element.height = height * ratio;
    context.scale(ratio, ratio);
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.lineWidth = 2.5;
    context.strokeStyle = '#1f1f1f';
  }, [width, height]);

  // Cleared from outside (the form was reset): wipe the drawing too.
  useEffect(() => {
    if (value !== null) return;
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
  }, [value]);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * width) / rect.width, y: ((event.clientY - rect.top) * height) / rect.height };
  };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const { x, y } = point(event);
    drawing.current = { pointerId: event.pointerId, x, y };
    const context = event.currentTarget.getContext('2d');
    // A tap leaves a dot.
    context?.beginPath();
    context?.arc(x, y, 1.2, 0, Math.PI * 2);
    context?.fill();
  };

  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drawing.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const context = event.currentTarget.getContext('2d');
    const { x, y } = point(event);
    context?.beginPath();
    context?.moveTo(current.x, current.y);
    context?.lineTo(x, y);
    context?.stroke();
    drawing.current = { ...current, x, y };
  };

  const end = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || drawing.current.pointerId !== event.pointerId) return;
    drawing.current = null;
    onChange?.(event.currentTarget.toDataURL('image/png'));
  };

  const clear = () => {
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
    onChange?.(null);
  };

  return (
    <Flex vertical gap={4}>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        aria-label={t('applications.action.signatureHelp')}
        style={{ width: '100%', maxWidth: width, aspectRatio: `${width} / ${height}`, border: '1px dashed #bfbfbf', borderRadius: 6, background: '#fff', touchAction: 'none', cursor: 'crosshair' }}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <Flex justify="space-between" align="center" style={{ maxWidth: width }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('applications.action.signatureHelp')}
        </Typography.Text>
        <Button size="small" icon={<ClearOutlined />} onClick={clear} disabled={value === null}>
          {t('applications.action.clearSignature')}
        </Button>
      </Flex>
    </Flex>
  );
}
