import type { GiftCategory } from '@maum/protocol';

interface SeedProduct {
  name: string;
  price: number;
  /** Cash coupons: worth `price` won, usable in parts. */
  cash?: true;
  options?: Array<{ name: string; values: string[] }>;
  tags?: string[];
  popularity: number;
}

interface SeedBrand {
  name: string;
  category: GiftCategory;
  color: string;
  products: SeedProduct[];
}

const birthday = ['birthday'];

/** The demo gift shop: six fictional brands, one per category, 45 products. */
export const demoCatalogue: SeedBrand[] = [
  {
    name: 'Moonbean Coffee',
    category: 'cafe',
    color: '#6f4e37',
    products: [
      { name: 'Americano (Tall)', price: 4500, popularity: 980 },
      { name: 'Café Latte (Tall)', price: 5000, popularity: 720, options: [{ name: 'Temperature', values: ['Hot', 'Iced'] }] },
      { name: 'Vanilla Latte (Tall)', price: 5500, popularity: 410 },
      { name: 'Matcha Latte (Tall)', price: 5800, popularity: 260 },
      { name: 'Cold Brew (Grande)', price: 5200, popularity: 300 },
      { name: 'Two Americanos + Cheesecake', price: 15900, popularity: 520, tags: birthday },
      { name: 'Moonbean Gift Card ₩10,000', price: 10000, cash: true, popularity: 330 },
      { name: 'Moonbean Gift Card ₩30,000', price: 30000, cash: true, popularity: 150, tags: birthday },
    ],
  },
  {
    name: 'Golden Crust Bakery',
    category: 'bakery',
    color: '#c8911a',
    products: [
      { name: 'Strawberry Fresh Cream Cake', price: 32000, popularity: 640, tags: birthday, options: [{ name: 'Size', values: ['No.1', 'No.2'] }] },
      { name: 'Chocolate Ganache Cake', price: 29000, popularity: 450, tags: birthday },
      { name: 'New York Cheesecake Slice', price: 6500, popularity: 210 },
      { name: 'Butter Croissant Set (4)', price: 12000, popularity: 190 },
      { name: 'Honey Castella', price: 9800, popularity: 120 },
      { name: 'Morning Bread Basket', price: 15000, popularity: 90 },
      { name: 'Golden Crust Gift Card ₩20,000', price: 20000, cash: true, popularity: 140 },
      { name: 'Golden Crust Gift Card ₩50,000', price: 50000, cash: true, popularity: 60, tags: birthday },
    ],
  },
  {
    name: 'Daily24',
    category: 'convenience',
    color: '#2e8b57',
    products: [
      { name: 'Banana Milk', price: 1700, popularity: 870 },
      { name: 'Triangle Kimbap Duo', price: 3500, popularity: 380 },
      { name: 'Iced Americano Cup', price: 1500, popularity: 400 },
      { name: 'Cup Ramen Trio', price: 4900, popularity: 260 },
      { name: 'Lunch Box (Dosirak)', price: 5500, popularity: 230 },
      { name: 'Daily24 Gift Card ₩5,000', price: 5000, cash: true, popularity: 510 },
      { name: 'Daily24 Gift Card ₩10,000', price: 10000, cash: true, popularity: 300 },
    ],
  },
  {
    name: 'Petal & Dew',
    category: 'beauty',
    color: '#d6457a',
    products: [
      { name: 'Rose Hand Cream', price: 12000, popularity: 340, tags: birthday },
      { name: 'Velvet Lip Tint', price: 15000, popularity: 280, options: [{ name: 'Shade', values: ['Coral', 'Rose', 'Brick'] }] },
      { name: 'Sheet Mask Set (10)', price: 19000, popularity: 220 },
      { name: 'Eau de Parfum 50ml', price: 45000, popularity: 130, tags: birthday },
      { name: 'Signature Gift Set', price: 68000, popularity: 70, tags: birthday },
      { name: 'Cushion Foundation', price: 32000, popularity: 110, options: [{ name: 'Tone', values: ['21', '23'] }] },
      { name: 'Petal & Dew Gift Card ₩30,000', price: 30000, cash: true, popularity: 90, tags: birthday },
    ],
  },
  {
    name: 'Crispy Crane Chicken',
    category: 'chicken',
    color: '#c0392b',
    products: [
      { name: 'Fried Chicken + Cola', price: 21000, popularity: 760 },
      { name: 'Yangnyeom Chicken + Cola', price: 23000, popularity: 690 },
      { name: 'Half & Half + Cola', price: 22000, popularity: 540, options: [{ name: 'Style', values: ['Bone-in', 'Boneless'] }] },
      { name: 'Chicken + Beer Set', price: 27000, popularity: 310 },
      { name: 'Party Bucket (2 chickens)', price: 39000, popularity: 150, tags: birthday },
      { name: 'Crispy Crane Gift Card ₩25,000', price: 25000, cash: true, popularity: 120 },
    ],
  },
  {
    name: 'Snowfall Creamery',
    category: 'ice_cream',
    color: '#3b8fc4',
    products: [
      { name: 'Pint', price: 9800, popularity: 650, options: [{ name: 'Flavours', values: ['Mint Choco', 'Strawberry', 'Cookies & Cream'] }] },
      { name: 'Family Size', price: 26000, popularity: 420, tags: birthday },
      { name: 'Ice Cream Cake', price: 28000, popularity: 390, tags: birthday },
      { name: 'Double Cone', price: 3900, popularity: 300 },
      { name: 'Bingsu for Two', price: 13500, popularity: 250 },
      { name: 'Snowfall Gift Card ₩10,000', price: 10000, cash: true, popularity: 200 },
      { name: 'Snowfall Gift Card ₩30,000', price: 30000, cash: true, popularity: 80 },
      { name: 'Quart Takeaway', price: 19500, popularity: 180 },
      { name: 'Sundae Party Set', price: 24000, popularity: 70, tags: birthday },
    ],
  },
];

/** A product picture drawn from the brand's colour and the product's name, so the demo shop needs no image files. */
export function productArtwork(brand: string, product: string, color: string): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const words = product.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last && `${last} ${word}`.length <= 16) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const text = lines
    .slice(0, 3)
    .map((line, i) => `<text x="200" y="${200 + i * 40 - (Math.min(lines.length, 3) - 1) * 20}" font-size="30" font-weight="700" text-anchor="middle" fill="#fff" font-family="sans-serif">${escape(line)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#1f1f1f" stop-opacity="0.85"/></linearGradient></defs>
<rect width="400" height="400" rx="36" fill="url(#g)"/>
<circle cx="330" cy="70" r="90" fill="#fff" opacity="0.08"/><circle cx="60" cy="360" r="120" fill="#fff" opacity="0.06"/>
<text x="200" y="80" font-size="20" text-anchor="middle" fill="#fff" opacity="0.85" font-family="sans-serif" letter-spacing="2">${escape(brand.toUpperCase())}</text>
${text}
</svg>`;
}
