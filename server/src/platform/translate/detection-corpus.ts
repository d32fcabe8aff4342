/**
 * Short chat lines as people write them in an interest room about webcomics, each labelled with the language its
 * writer was writing in. Written for Maum's detection tests; kept short and slangy on purpose, since that is where
 * detection fails. `ui` is the writer's interface language, given only on lines that carry no language at all
 * (emoji, punctuation), where nothing but the writer can tell.
 */
export type CorpusLanguage = 'ko' | 'ja' | 'id' | 'en';

export interface LabelledLine {
  text: string;
  language: CorpusLanguage;
  ui?: CorpusLanguage;
}

const ko = [
  'ㅋㅋㅋㅋㅋ', 'ㅠㅠ', 'ㅠㅠㅠ 너무 슬퍼', '이번 화 미쳤다', '작가님 천재세요', '다음 화 언제 나와요?', 'ㄹㅇ 소름', '헐 대박',
  '남주 왜 저래 ㅋㅋ', '악역 서사 너무 좋아', '휴재 공지 떴어요 ㅠ', '시즌2 기다리는 중', '그림체 진짜 예쁘다', '오늘 업데이트 했나요',
  '아 심장 아파', '이 장면 몇 화였지?', '완전 공감', 'ㅇㅈ', 'ㄱㄱ', '굿굿 👍', '와 이번 반전 예상 못했다', '결말 스포 금지요!!',
  '여주 너무 멋있어 😭', '팬아트 그렸는데 올려도 돼요?', '저 정주행 세 번째예요', '원작 소설도 읽었어요', '안녕하세요 처음 왔어요',
  '반가워요~', 'ㅎㅎ 감사합니다', '잘 자요 🌙', '내일 봐요', '이거 번역본 있나요?', '쿠키 구웠어요 미리보기 ㅋㅋ', '베댓 웃기다',
  '이번 주 유료분 봤는데 장난 아님', '둘이 사귀어라 제발', '아니 그래서 누가 범인이야', '나만 이 캐릭터 좋아해?', 'ㅋㅋㅋ 미쳤나봐',
  '진짜요?', '네', '아뇨', '응응', 'ㅜㅜ 보고 싶다', '오 드디어!!', '배경 작화 역대급', '연출이 영화 같아요', '원작이랑 조금 다르네',
  '굿즈 예약했어요 🛒', '방에 사람 많아졌네요', '영어로 말해도 돼요?', '일본 팬분들 반가워요', '인니 분들도 계시네요 ㅎㅎ',
  '빨리 다음 주 됐으면', '흑흑', '이 대사 명대사다', '마지막 컷 뭐야 ㄷㄷ', 'ㄷㄷ', '아 배고파', 'ok 알겠어요', 'lol 이거 ㅋㅋ',
  '넵!', '수고하셨습니다', 'EP 45 보신 분?',
];

const ja = [
  '草', '草生える', 'www', 'w', '最新話やばい', '作者さん天才', '次の更新いつ？', '泣いた😭', 'え、まって', 'うそでしょ', '推しが尊い',
  'このシーン何話だっけ', '分かる', 'それな', 'ほんとそれ', 'おつかれさま', 'おやすみ〜', '初めまして！よろしくお願いします', 'よろしく',
  'ありがとう！', '神回', '作画えぐい', '悪役好きすぎる', '休載のお知らせ来た…', '二期決定おめでとう', 'ネタバレ注意', '伏線回収すごい',
  'ヒロインかっこよすぎ', 'ファンアート描きました', '三周目です', '原作小説も読んでる', '翻訳版ある？', '課金しちゃった', 'コメ欄おもろい',
  '早く付き合って', '犯人誰なの', 'このキャラ好きな人いる？', 'マジで？', 'はい', 'いいえ', 'うん', '会いたい…', 'きたー！！', '背景綺麗すぎ',
  '演出が映画みたい', '原作とちょっと違うね', 'グッズ予約した🛒', '人増えたね', '英語でも大丈夫？', '韓国の方こんにちは',
  'インドネシアの方もいるんだ', '来週まで待てない', '名言', '最後のコマなに', 'こわ', 'お腹すいた', '了解です', 'ok 了解', 'lol それな',
  '天才', '最高', '尊い', '神', 'EP45見た人いる？ww',
];

const id = [
  'wkwkwk', 'wkwk', 'wkwkwk gila', 'anjir chapter ini keren banget', 'authornya jenius', 'kapan update lagi?', 'nangis aku 😭',
  'eh bentar', 'serius??', 'bias aku imut banget', 'ini adegan di chapter berapa ya', 'setuju', 'bener banget', 'makasih gan',
  'selamat malam semua', 'salam kenal ya', 'halo semua, aku baru gabung', 'gambarnya bagus parah', 'villainnya keren sih', 'hiatus lagi huhu',
  'season 2 kapan gan', 'jangan spoiler dong', 'plot twistnya gak ketebak', 'ceweknya keren abis', 'aku bikin fanart, boleh share?',
  'udah baca tiga kali', 'novelnya juga udah baca', 'ada terjemahannya gak?', 'aku beli koin buat baca duluan', 'komennya lucu wkwk',
  'jadian aja kalian', 'pelakunya siapa sih', 'ada yang suka karakter ini?', 'iya', 'nggak', 'ya', 'gak sabar minggu depan', 'kangen',
  'akhirnya!!', 'latarnya cantik banget', 'kayak film', 'beda dikit sama novelnya', 'udah pre order merch 🛒', 'rame juga ya di sini',
  'boleh pakai bahasa inggris?', 'halo teman teman dari korea', 'ada orang jepang juga ternyata', 'kata-katanya ngena banget',
  'panel terakhir apaan tuh', 'ngeri', 'laper', 'oke siap', 'mantap', 'mantul', 'gas', 'btw aku dari jakarta', 'sama sama',
  'semangat author!', 'udah makan belum', 'kok gitu sih', 'yaudah deh', 'bgt', 'gw juga',
];

const en = [
  'lol', 'lmao', 'omg', 'this chapter was insane', 'the author is a genius', "when's the next update?", 'crying rn 😭', 'wait what',
  'no way', 'my fave is so cute', 'which episode was this scene', 'same', 'so true', 'thanks!', 'good night everyone',
  'nice to meet you all', 'hi, just joined', 'the art is gorgeous', 'the villain is so cool tbh', 'another hiatus ugh', 'season 2 when',
  'no spoilers pls', "didn't see that twist coming", "she's such a badass", 'i drew some fan art, can i post it?', 'third reread lol',
  'read the novel too', 'is there a translation?', 'spent coins to read ahead', 'the comments are hilarious', 'just kiss already',
  "so who's the culprit", 'anyone else like this character?', 'yes', 'nope', 'yeah', "can't wait for next week", 'miss them',
  'finally!!', 'the backgrounds are stunning', 'feels like a movie', 'a bit different from the novel', 'preordered the merch 🛒',
  'this room got busy', 'can i speak english here?', 'hello to the korean fans', 'oh there are japanese fans too', 'that line hit hard',
  'what was that last panel', 'scary', 'hungry', 'ok', 'ngl i cried', 'idk', 'brb', 'gg', 'hype', 'love this', 'me too', "that's fair",
];

/** Lines with no language in them: only the writer's interface language can name one. */
const signalless: LabelledLine[] = [
  { text: '😭😭😭', language: 'ko', ui: 'ko' },
  { text: '!!!', language: 'ko', ui: 'ko' },
  { text: '👍', language: 'ja', ui: 'ja' },
  { text: '🙏✨', language: 'ja', ui: 'ja' },
  { text: '🔥🔥', language: 'id', ui: 'id' },
  { text: '??', language: 'id', ui: 'id' },
  { text: '❤️', language: 'en', ui: 'en' },
  { text: '45!!', language: 'en', ui: 'en' },
];

const label = (language: CorpusLanguage) => (text: string): LabelledLine => ({ text, language });

export const detectionCorpus: readonly LabelledLine[] = [
  ...ko.map(label('ko')),
  ...ja.map(label('ja')),
  ...id.map(label('id')),
  ...en.map(label('en')),
  ...signalless,
];
