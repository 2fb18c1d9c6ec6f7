// The built-in aspect lexicons (English, Vietnamese): which words speak of which value type or cost
// kind, and which carry a polarity. Data only; the rules that read it are in comment-aspects.ts.
import type { CostKind, Locale, ValueType } from "./template-content";

/** The answer keys a comment can speak of: a benefit value type or a cost kind. */
export type AspectKey = `benefit_${ValueType}` | `cost_${CostKind}`;

/** Polarity from the customer's side: "+" a benefit got or a cost that was light, "−" the reverse. */
export type Pol = "+" | "-";

export type AspectLexicon = {
  /** Phrases that say both what and how: "đắt" → cost_money −, "worth it" → benefit_monetary +. */
  expressions: Partial<Record<AspectKey, Partial<Record<Pol, string[]>>>>;
  /** Buying for someone else: a social topic ("perfect gift"), and the joy the comment tells is the recipient's (social +). */
  gifts?: string[];
  /** Phrases that say what, not how: "giao hàng", "price". They take the polarity of the nearest opinion. */
  topics: Partial<Record<AspectKey, string[]>>;
  /**
   * Words that say how: `pol` in general, `per` for a topic's aspect ("high" price is −, "high"
   * quality +), `fallback` the aspect they speak of when no topic is near ("fast!" → cost_time),
   * `only` the topics they may qualify ("yên tâm" qualifies a warranty, not a delivery).
   */
  opinions: { words: string[]; pol: Pol; per?: Partial<Record<AspectKey, Pol>>; fallback?: AspectKey; only?: AspectKey[] }[];
  negators: string[];
  /** Words that start a new clause: "nhưng", "but". */
  contrasts: string[];
  /** Words a negation reaches across ("không hề rất rẻ"); they do not change the polarity. */
  intensifiers: string[];
  /** Phrases that mean nothing here but would otherwise be misread ("ủng hộ" is not "ưng"). */
  neutrals: string[];
  /** Chat spellings → words: "ko" → "không". */
  slang: Record<string, string>;
  /** Entries for comments typed without tone marks where folding is ambiguous (keys folded). */
  plain: Partial<AspectLexicon>;
  /** Folded words too ambiguous to match without marks: "ben" is bền (durable) and bên (side). */
  plainBlocked: string[];
  /** Vietnamese puts the adjective after the noun: on a tie, the opinion after a topic wins. */
  adjectiveAfterNoun: boolean;
};

const words = (s: string) => s.split("|").map((w) => w.trim()).filter(Boolean);

const EN: AspectLexicon = {
  expressions: {
    benefit_functional: {
      "+": words(
        "works well|works great|works perfectly|works fine|work|works|working|does the job|does what it says|well made|well built|well stitched|well designed|durable|reliable|fits perfectly|fits well|fits|fit|true to size|lasts forever|long lasting|holds up|held up|as described|as pictured|as advertised|exactly what i needed|just what i needed|comfy|comfortable|breathable|waterproof|runs quietly|quiet|tasty|delicious|no complaints|powerful|holds charge|holds a charge|crisp|warm|cozy|cosy|lightweight|spacious|effective|does wonders|high quality|top quality|premium quality|good quality|great quality|perfect fit|fits like a glove|functional|handy|versatile|responsive|vibrant|sleek|clean cut|lasts|lasting|hold a charge|hold charge|holds its charge|keeps hot|stays hot|keeps it hot|hot for hours|cold for hours|warm for hours|keeps warm|keeps cold|crystal clear|razor sharp|excellent quality|works like a charm|like new|seals well|seals properly|seal properly|seals tight|stays sharp|still sharp|stays cold|stays warm|folds small|folds flat|compact|block out noise|blocks out noise|blocks noise|noise cancelling|noise canceling|what it says on the tin|keeps fresh|keeps food fresh|fresh for days|stays fresh|picks up everything|picks up|great suction|strong suction",
      ),
      "-": words(
        "broke|broken|breaks|break|stopped working|stops working|quit working|damaged|dented|scratched|scratches|cracked|cracks|shattered|fell apart|falling apart|coming apart|came off|came apart|peeling|peeled|torn|tore|ripped|rips|snapped|snaps|leaks|leaked|leaking|leak|too small|too big|too tight|too loose|too short|too long|runs small|runs large|faded|fades|fading|flickers|flickering|died|dies|dead on arrival|doa|noisy|smells|stinks|scratchy|itchy|feels cheap|poor workmanship|not as described|doesn't work|malfunction|malfunctions|malfunctioning|wobbly|rusty|rusted|stained|overheats|overheating|battery dies|disconnecting|disconnects|keeps disconnecting|lags|laggy|freezes|froze|jammed|jams|shrunk|shrank|pilled|pilling|bent|missing parts|missing pieces|wrong size|wrong colour|wrong color|wrong item|nothing like the|not like the picture|not like the photo|different from the picture|different from the photo|inaccurate|unusable|not what it used to be|bargain bin|stale|expired|tasteless|blurry|weak|lumpy|uneven|mushy|soggy|dull|came loose|comes loose|dead pixel|dead pixels|stopped charging|won't charge|won't turn on|doesn't turn on|stopped|burnt out|burned out|short circuit|sparked|spills|spilled|spilling|chipping|chipped|chipping off|see through|see-through|error|errors|washed out|coming undone|came undone|better in the pictures|better in the photos|better in the picture|better online|looked better|stuck|gets stuck|getting stuck|keeps getting stuck|smaller than it looked|smaller than expected|smaller than in the photos|bigger than expected|than it looked|missing|were missing|was missing|pieces missing|parts missing|wobbles|stopped connecting|won't connect|stripped|scuffs|scuffed|scuff marks|swelled|swollen|bulging",
      ),
    },
    benefit_social: {
      "+": words(
        "compliments|complimented|compliment|jealous|envy|proud|classy|looks classy|stylish|impressed my|impress|share with|asking where i got|asked where i got|everyone asks|everyone wanted|everyone wants|everyone loved|the kids loved|status|likes|instagram worthy|head turner|turns heads|cool|trendy|fashionable|elegant|luxurious|luxury|looks expensive|premium look|admiring|admire|admired|admires|want one|wants one|want one too|asked for the link|asked where|asking where|asked where it was from|showed it off|show it off|shows it off|showing it off",
      ),
      "-": words("embarrassed|embarrassing|ashamed|looks cheap|look cheap|laughed at|made fun|tacky|ugly|refuses to wear|out of style|outdated|old fashioned|babyish|childish|cringe|uncool"),
    },
    benefit_emotional: {
      "+": words(
        "love|loved|loving|love it|in love|adore|adored|obsessed|happy|happier|glad|joy|joyful|enjoy|enjoying|enjoyed|makes me smile|made me smile|made my day|made my evening|made my week|satisfied|pleased|delighted|thrilled|feel great|feel good|feels great|feel amazing|favorite|favourite|like it|really like|liked|fun|no regrets|excited|exciting|relaxing|soothing|calming|cheerful|grateful|memories|nostalgic|fell in love|pleasure|wonderful experience|great experience|happy customer|satisfying|loves|adores|over the moon|made me happy|happy with|a treat|thank you so much|thanks so much|smile|smiles|smiling|grin|couldn't be happier|could not be happier|can't put it down|hasn't put it down|won't put it down|happy tears|cried happy tears|surprise|lovely surprise|nice surprise",
      ),
      "-": words(
        "disappointed|disappointment|hate|hated|unhappy|upset|angry|regret|regrets|regretted|gutted|dissatisfied|let down|letdown|furious|fed up|feel cheated|felt cheated|cheated|stressed|stressful|heartbroken|miserable|sucks|horrible experience|terrible experience|awful experience|bad experience|worst experience|gross|disgusting|unacceptable|ridiculous|outrageous|never again|never buying again|never ordering again|not impressed|unimpressed|annoyed|so annoyed|frustrated|irritated|fuming|livid",
      ),
    },
    benefit_monetary: {
      "+": words(
        "worth it|worth the money|worth every penny|worth every cent|worth the price|worth|good value|great value|excellent value|value for money|great deal|good deal|a steal|steal|bargain|on sale|sale|discount|discounted|coupon|voucher|promo|promo code|reasonable|reasonably priced|fair price|good price|great price|money well spent|no brainer|saved|save money|saving|savings|bundle deal|cashback|free gift|bonus|for the price you can't beat|can't beat the price|best price|well priced|fairly priced|under twenty|under ten|under 20|under 10|can't beat|cannot beat|unbeatable|at this price you can't go wrong|steal of a deal|great buy|good buy|smart buy|get a lot for|lot for your money|bang for your buck|bang for the buck",
      ),
      "-": words("waste of money|rip off|ripoff|not worth|paid a lot and got|expected more|expected better|expected much better|money down the drain|overcharged|poor value|bad value|not good value|throwing money away|wouldn't pay this much|would not pay this much|wouldn't pay that much|not paying this much"),
    },
    cost_money: {
      "+": words("affordable|inexpensive|free shipping|free delivery|free postage|shipping was free|low price|lower price|cheaper|budget friendly|low cost|cheapest|half the price|good prices|price drop|half what i paid|half price"),
      "-": words(
        "expensive|pricey|overpriced|costly|cost a fortune|a fortune|hidden fees|hidden fee|hidden charges|extra fees|extra charges|paid a lot|too much money|price hike|steep|premium price|double the price|twice the price|more than double|tax|taxes|customs fees|import fees|duties|surcharge|charged extra|costs more|cost more|price went up|way too much|too much for|as much as|almost as much as|more than the product|more than the item|on the expensive side|on the pricey side|a lot of money|not cheap|costs a lot|cost a lot|cost me a lot|crazy high|sky high|extortionate|daylight robbery|doubled|price doubled|has doubled|pricier|costlier|more than i expected|more than expected",
      ),
    },
    cost_time: {
      "+": words(
        "on time|next day|same day|earlier than expected|sooner than expected|ahead of schedule|in no time|arrived early|came early|promptly|prompt|within a day|within 24 hours|within 48 hours|in two days|overnight|lightning fast|right away|immediately|speedy delivery|fastest|quickest|super fast|express|the day after|day after i ordered|the next morning|within two days|in 2 days|within 2 days|arrived in two days|a day before the estimate|before the estimate|earlier than estimated|before the estimated date",
      ),
      "-": words(
        "took ages|took forever|wait forever|waited|waiting|still waiting|never arrived|never came|hasn't arrived|has not arrived|not arrived|didn't arrive|delayed|delay|delays|later than expected|took a week|took weeks|for a week|months to arrive|ages|days late|days later|more days|late delivery|behind schedule|stuck in transit|stuck at|sat at the depot|no updates|not updated|on hold|an hour|hours on the phone|long wait|slow to respond|slow response|took days|stuck in processing|took a month|days before|never showed up|didn't show up|no show|missed delivery|still not here|not here yet|where is my order|where's my order|a month to arrive|weeks to arrive|days to arrive|stuck in customs|stuck in the warehouse|rescheduled|was rescheduled|postponed|nearly a month|almost a month|took nearly|took almost|took over a week|to show up|to turn up|still says|still shows|label created|no movement|sat in the warehouse|in the warehouse for|sitting in the warehouse",
      ),
    },
    cost_effort: {
      "+": words(
        "straightforward|painless|no hassle|hassle free|user friendly|intuitive|convenient|sorted everything out|sorted it out|solved my problem|solved the problem|fixed it|quick and easy|easy to use|easy to order|easy returns|easy to set up|easy to assemble|easy to install|easy to clean|plug and play|no tools|no tools needed|self explanatory|helpful|very helpful|responsive support|great support|great customer service|excellent customer service|good customer service|went above and beyond|effortless|one click|without any fuss|no fuss|figured it out|easy peasy|a breeze|breeze|took seconds|in seconds|takes seconds|seconds to|couple of clicks|few clicks|a few clicks|in a click|took two minutes|took five minutes|took a minute|took minutes|two minutes with|in two minutes|in five minutes",
      ),
      "-": words(
        "complicated|confusing|hassle|a pain|nightmare|impossible to follow|impossible to|had to call|had to chase|had to go|had to try|had to email|had to contact|had to send|had to drive|had to print|had to fill|chase|chasing|many forms|crashed|crashes|log in again|no easy way|hard to use|hard to find|hard to assemble|hard to install|hard to clean|inconvenient|tedious|back and forth|create an account|make an account|jump through hoops|runaround|run around|unhelpful|useless support|no one answers|nobody answers|no response|no reply|ignored|rude|bad customer service|poor customer service|terrible customer service|awful customer service|couldn't figure out|could not figure out|can't figure out|hard to figure out|fuss|took ages to sort|to sort out|on hold|waste of time|wasted my time|jumping through hoops|too many steps|so many steps|phone in|had to phone|had to ring|giving me an error|keeps giving an error|goes in circles|bot|chatbot|no human|no one to talk to|headache|a headache|nightmare to|wouldn't find|wouldn't connect|couldn't connect|logged me out|logs me out|keeps logging me out|rejecting|rejected|kept rejecting|phone calls|three phone calls|several calls",
      ),
    },
    cost_risk: {
      "+": words(
        "genuine|authentic|authenticity|original|official|warranty|guarantee|guaranteed|trustworthy|trusted|trust|felt safe|arrived safe|arrived safely|safely|packed carefully|well packed|carefully packed|securely packed|secure payment|secure|legit|legitimate|no worries|serial number|certificate|certified|reputable|money back|refund policy|reliable seller|sealed|well packaged|nicely packaged|packaged well|packed well|packaged nicely|bubble wrap|real|the real deal|cash on delivery|pay on delivery|paid on delivery|no risk|risk free|honest|refunded me|refunded without|full refund|refunded|well protected|nicely protected|protected well|seal|safety seal|bubble wrapped|double boxed",
      ),
      "-": words(
        "fake|counterfeit|knock off|knockoff|replica|scam|scammed|scammy|risky|risk|unsure|not sure|wasn't sure|can't trust|cannot trust|don't trust|suspicious|sketchy|shady|dodgy|seal was already open|seal broken|already open|already opened|scared|afraid|fraud|fraudulent|used item|secondhand|second hand|someone else's|previously used|refurbished|tampered|doubt|doubtful|unsafe|not safe|dangerous|phishing|stolen|not genuine|not authentic|misleading|false advertising|no warranty|not convinced|not real|tamper|tampered with|sticker ripped|seal ripped|lost my parcel|lost the parcel|package lost|parcel lost|went missing|not the real|opened before|been opened|had been opened",
      ),
    },
  },
  gifts: words(
    "gift|a gift|gifts|gifted|as a present|birthday present|christmas present|for my wife|for my husband|for my mom|for my mum|for my dad|for my girlfriend|for my boyfriend|for my son|for my daughter|for my friend|for my sister|for my brother|for my kids|perfect gift|great gift|gave it to|gave this to|gave them to|gift for",
  ),
  topics: {
    benefit_functional: words(
      "quality|build quality|product|products|item|items|stuff|thing|material|materials|fabric|build|stitching|battery|battery life|screen|sound|sound quality|size|colour|color|texture|plastic|performance|glass|zipper|sole|camera|device|headphones|earbuds|shoes|shirt|dress|jacket|coat|jeans|pants|trousers|socks|bag|backpack|wallet|watch|phone|case|cable|charger|charges|charging|blender|kettle|pan|pot|knife|pillow|pillows|blanket|mattress|chair|desk|table|lamp|bulb|toy|toys|book|cream|lotion|serum|shampoo|perfume|scent|smell|taste|flavour|flavor|coffee|tea|food|motor|engine|suction|grip|lens|picture|picture quality|image|connection|signal|wifi|bluetooth|speaker|keyboard|mouse|laptop|tablet|printer|design|sizing|strap|straps|handle|lid|buttons|button|paint|leather|cotton|wood|metal|print|fragrance|formula|skin|hair|results|necklace|ring|earrings|bracelet|jewelry|jewellery|tv|television|monitor|vacuum|bed|sofa|rug|curtains|towel|towels|sheets|mug|bottle|tumbler|flask|fryer|air fryer|oven|microwave|fridge|heater|fan|router|drone|bike|helmet|stroller|car seat|sunglasses|glasses|hat|scarf|gloves|boots|sneakers|sandals|hoodie|sweater|leggings|bra|underwear|makeup|lipstick|foundation|mascara|moisturiser|moisturizer|sunscreen|soap|candle|plant|seeds|dog food|cat food|treats|snack|snacks|chocolate|wine|supplement|vitamins|pixel|pixels|seams|tastes|tasted|blade|vase|subscription|gadget|tool|kit|set",
    ),
    benefit_emotional: words("experience|feeling|mood|purchase|buy|shopping experience"),
    benefit_monetary: words("value|for the price|for this price|for the money|for that price|deal|price to quality|price quality|for what you get|for what it is|for what you pay"),
    cost_money: words("price|prices|pricing|cost|costs|shipping fee|shipping cost|shipping costs|delivery fee|delivery charge|fees|fee|postage|shipping price|delivery charges|shipping charges"),
    cost_time: words("delivery|shipping|shiping|shipment|courier|response|reply|replies|answer|respond|dispatch|arrival|delivery time|turnaround|parcel|package|postman|delivery man|driver|tracking|service"),
    cost_effort: words("ordering|checkout|check out|payment|setup|set up|assemble|assembly|install|installation|instructions|manual|app|site|website|returns|return|returning|refund|exchange|cancel|login|log in|to order|process|support|customer service|customer support|staff|seller communication|communication|delivery address|address|my address|shipping address"),
    cost_risk: words("seller|return policy|packaging|packing"),
  },
  opinions: [
    {
      words: words("good|great|excellent|amazing|awesome|nice|perfect|fine|ok|okay|decent|superb|fantastic|brilliant|consistent|better|best|soft|outstanding|impressive|incredible|wonderful|exceptional|pretty good|spot on|on point|10/10|five stars|5 stars|cute|neat|fab|fabulous|terrific|first class|first rate|premium"),
      pol: "+",
    },
    { words: words("high|higher|top|bright|sharp"), pol: "+", per: { cost_money: "-" } },
    {
      words: words("bad|poor|terrible|awful|horrible|worst|worse|rubbish|crap|crappy|trash|mediocre|weird|problem|problems|issue|issues|thin|uncomfortable|low|lower|subpar|inferior|lousy|garbage|not great|not good|badly|poorly|so so|average|cheap looking|off"),
      pol: "-",
      per: { cost_money: "+" },
    },
    { words: words("stunning|sturdy|solid|top notch|flawless|gorgeous|beautiful|lovely|accurate|strong"), pol: "+", fallback: "benefit_functional" },
    { words: words("faulty|cheaply made|useless|flimsy|defective|shoddy|junk|poorly made|badly made"), pol: "-", fallback: "benefit_functional" },
    { words: words("disappointing|sad|meh"), pol: "-", fallback: "benefit_emotional" },
    { words: words("cheap"), pol: "-", per: { cost_money: "+", benefit_monetary: "+" }, fallback: "cost_money" },
    { words: words("free"), pol: "+", fallback: "cost_money", only: ["cost_money", "cost_time"], per: {} },
    { words: words("fast|quick|quickly|speedy|rapid|early|earlier|swift|swiftly"), pol: "+", fallback: "cost_time" },
    { words: words("slow|slowly|late|long|forever|sluggish"), pol: "-", per: { benefit_functional: "+" }, fallback: "cost_time" },
    { words: words("easy|easily|simple|smooth|seamless|clear"), pol: "+", fallback: "cost_effort", only: ["cost_effort", "cost_time", "cost_risk", "benefit_functional"] },
    { words: words("hard|difficult|tricky|annoying|frustrating|pain|awkward|fiddly|clunky"), pol: "-", fallback: "cost_effort" },
    { words: words("going up|went up|gone up|has gone up|goes up|increased|keeps rising|rising"), pol: "-", fallback: "cost_money" },
    { words: words("peace of mind|reassuring|reassured|relaxed|relieved|confident"), pol: "+", fallback: "benefit_emotional", only: ["cost_risk"] },
    { words: words("worried|worry|worries|worrying|concerned|nervous|anxious|hesitant"), pol: "-", fallback: "cost_risk" },
  ],
  negators: words("not|no|never|hardly|barely|without|nothing|none|nor|neither|dont|cannot|zero|lack of|lacks|lacking"),
  contrasts: words("but|however|though|although|yet|except|whereas|still|otherwise|on the other hand|apart from|other than that"),
  intensifiers: words("very|so|too|really|super|quite|extremely|totally|pretty|rather|a|bit|a bit|little|that|at all|all|the|is|was|are|were|be|been|it|it's|this|just|even|actually|honestly|seriously|way|much|more|most|any|incredibly|absolutely|definitely|truly|insanely|ridiculously|kinda|kind of|sort of|somewhat|overly|utterly|highly|fairly"),
  neutrals: words("like a|looks like|look like|feel like|feels like|feel like a|good morning|no idea|not yet|not sure yet|will update|update later|haven't used|haven't tried|no problem with the|pretty much"),
  slang: { u: "you", tbh: "", lol: "", lmao: "", imo: "", dont: "don't", doesnt: "doesn't", didnt: "didn't", isnt: "isn't", wasnt: "wasn't", cant: "can't", wont: "won't", thx: "thanks", pls: "please", gr8: "great", luv: "love", rly: "really", v: "very", sooo: "so", ppl: "people", bc: "because", cuz: "because", w: "with", b4: "before", asap: "as soon as possible" },
  plain: {},
  plainBlocked: [],
  adjectiveAfterNoun: false,
};

const VI: AspectLexicon = {
  expressions: {
    benefit_functional: {
      "+": words(
        "dùng tốt|xài tốt|dùng ổn|xài ổn|dùng ok|xài ok|tạm ổn|vẫn ổn|bền|rất bền|độ bền cao|bền bỉ|bền đẹp|xịn xò|đúng mô tả|như mô tả|giống mô tả|giống hình|như hình|đúng hình|giống ảnh|như ảnh|đúng ảnh|vừa vặn|vừa khít|mặc vừa|size vừa|vừa size|đi vừa|vừa chân|vừa người|vừa tay|chuẩn form|đúng size|chạy êm|êm ái|mát|thoải mái|thơm|giòn|giòn ngon|chín đều|vàng đều|pin trâu|trâu|sắc nét|mượt mà|hoạt động tốt|chạy tốt|chạy ngon|chạy mượt|không có gì để chê|chất lượng cao|chất lượng tốt|không lỗi|đúng thứ mình cần|đúng cái mình cần|như ý|mạnh|khỏe|khỏe khoắn|giữ nhiệt|giữ nhiệt tốt|nhẹ|gọn nhẹ|nhỏ gọn|tiện dụng|hiệu quả|công dụng tốt|sạch|mịn|thấm hút|co giãn|đứng form|lên form đẹp|lên màu đẹp|màu đẹp|bám màu|lâu trôi|giữ mùi lâu|kết nối ổn định|bắt sóng tốt|hàng đẹp|hàng xịn|hàng chuẩn|hàng tốt|chắc tay|tỉ mỉ|đường may đẹp|đường may chắc|dày dặn|dày|tôn dáng|ôm dáng|form đẹp|giữ ấm|giữ lạnh|mềm mịn|bền màu|êm chân|nhẹ nhàng|sáng|sáng đẹp|trong trẻo|ngọt|thơm ngon|đậm đà|tươi|tươi ngon|ngon lành|xịn sò|chất lừ|y hình|y như hình|đẹp như hình|giống hình 100%|ổn áp|chuẩn chỉnh|đúng chuẩn|chắc chắn lắm|rất chắc chắn|sắc bén|kín|kín khít|vẫn sắc|vẫn tốt|vẫn chạy tốt|vẫn dùng tốt|vẫn đẹp|tiết kiệm điện|tiết kiệm pin|tiết kiệm nước|tiết kiệm năng lượng|chống ồn|chống ồn tốt|gấp gọn|chống nước|chống dính|chống dính tốt|âm thanh trong|mặc ấm|giữ ấm tốt|đúng như quảng cáo|như quảng cáo|đúng quảng cáo|như shop quảng cáo|đúng như shop quảng cáo|như shop nói|đúng như shop nói|như shop mô tả|đúng như mô tả",
      ),
      "-": words(
        "hỏng|bị hỏng|không dùng được|chẳng dùng được|dùng không được|hư|bị hư|hư hỏng|lỗi|bị lỗi|hàng lỗi|lỗi kỹ thuật|gãy|bị gãy|vỡ|bị vỡ|bể|bị bể|nứt|bị nứt|rách|bị rách|bong|bong tróc|tróc|bung chỉ|sứt chỉ|xù lông|bị xù|xù|phai màu|bị phai|phai|lem màu|bị lem|ra màu|bai|bai cổ|giãn|méo|móp méo|trầy|trầy xước|xước|bị xước|rè|kêu rè|ồn ào|tụt|pin tụt|pin yếu|chật|không vừa|mỏng|kém chất lượng|chất lượng kém|chất lượng tệ|không như mô tả|khác hình|khác mô tả|khác ảnh|khác hẳn|khác xa|không giống hình|không giống ảnh|không lên nguồn|không lên|hàng lởm|lởm|dỏm|cùi|rộng quá|to quá|nhỏ quá|bé quá|ngắn quá|dài quá|hôi|mùi hôi|mùi lạ|bốc mùi|hắc|giao thiếu|thiếu phụ kiện|giao nhầm|sai màu|sai size|nhầm size|nóng máy|đứng máy|đơ|lag|giật|treo|chập chờn|mất kết nối|không kết nối được|không sạc được|không chạy|chết máy|rỉ|rỉ sét|gỉ|dột|rò|rò rỉ|rò nước|chảy nước|bung|đứt|đứt dây|tuột|sờn|mốc|hết hạn|hết date|cận date|ôi|thiu|nhạt|nhão|cứng|thô ráp|ngứa|kích ứng|nổi mụn|dị ứng|hàng chợ|như hàng chợ|vô dụng|không hiệu quả|chẳng hiệu quả|không tác dụng|không có tác dụng|mờ|nhòe|vênh|lỏng lẻo|lung lay|ọp ẹp|cong|co rút|bị co|nhăn|dính|rít|kẹt|bị kẹt|nóng ran|chết|chết luôn|cùn|bị cùn|dởm|đồ dởm|hàng dởm|đồ chợ|sờn đũng|bong đế|hở keo|bung keo|long keo|sút chỉ|tuột chỉ|tróc sơn|phồng|bạc màu|xỉn màu|đen|ố|ố vàng|bẩn|dính bẩn|không hoạt động|không chạy được|không bật được|không sáng|không kêu|không nghe được|mất tiếng|hỏng hóc|lởm khởm|không kín|đậy không kín|tràn|tràn ra|đổ ra|nồng mùi|mùi hóa chất|co lại|bị co lại|không vào điện|sạc không vào|không nhận sạc|không vào|không sạc|không nhận|rộng thùng thình|thùng thình|liệt nút|liệt phím|liệt|đơ nút|nhỏ hơn ảnh|nhỏ hơn hình|nhỏ hơn so với ảnh|nhỏ hơn nhiều so với ảnh|nhỏ hơn mô tả|to hơn ảnh|sọc|bị sọc|sọc xanh|sọc màn hình|đứt quai|dễ vỡ|nhựa mỏng|hay kẹt|thiếu chi tiết|thiếu một nửa|thiếu linh kiện|thiếu ốc|không kết nối|mất wifi|không vào wifi|không vào mạng|toét|toét đầu|bị toét|không ăn|không nhạy",
      ),
    },
    benefit_social: {
      "+": words(
        "ai cũng khen đẹp|được khen|khen|ai cũng khen|bạn bè khen|khen đẹp|khen quá trời|ai cũng hỏi|hỏi mua ở đâu|hỏi link|xin link|ai cũng xin|ai cũng muốn|lượt thích|nhiều like|được like|sang|sang trọng|sang chảnh|đẳng cấp|tự hào|hãnh diện|nở mày nở mặt|có gu|tinh tế|nổi bật|thu hút|sành điệu|thời thượng|hợp thời trang|trendy|ngầu|chất chơi|quý phái|lịch sự|được chú ý|được để ý|ghen tị|ai nhìn cũng|đòi mua|đòi mua theo|mua theo|hỏi link mua|khoe|mang đi khoe|khoe với|đem khoe",
      ),
      "-": words("ngại|xấu hổ|mất mặt|quê|không dám|bạn bè cười|bạn bè chê|chê xấu|bị chê xấu|lòe loẹt|màu lòe|chua lòe|màu chóe|màu lố|lố|nhìn quê|bị chê|lỗi mốt|lỗi thời|quê mùa|không chịu mặc|không chịu dùng|bị cười"),
    },
    benefit_emotional: {
      "+": words(
        "thích|rất thích|mê|mê lắm|yêu|ưng|ưng ý|ưng lắm|hài lòng|vui|vui vẻ|hạnh phúc|thú vị|sướng|thỏa mãn|mãn nguyện|yêu thích|phê|đáng yêu|cưng|nghiện|kết|khoái|thư giãn|dễ chịu|thích thú|háo hức|ấm lòng|cảm động|nhớ tuổi thơ|bất ngờ|xúc động|5 sao|năm sao|quá đã|đã quá|mãn nhãn|mừng|mừng rơn|vui mừng|hí hửng|sung sướng|thích mê|khoái chí|mê mẩn|phấn khích|ưng bụng|ưng cái bụng|hài lòng lắm|rất hài lòng|quá ưng|cảm ơn shop nhiều|dễ thương|cute|không thể hài lòng hơn|không thể vui hơn|không rời tay|chơi suốt|dùng suốt|ấn tượng|rất ấn tượng",
      ),
      "-": words(
        "thất vọng|buồn|chán|chán hẳn|bực|bực mình|tức|ghét|hối hận|ức chế|bực bội|cay|phát bực|không như mong đợi|không như kỳ vọng|hụt hẫng|cảm giác bị lừa|cảm giác như bị lừa|như bị lừa|bực tức|tức giận|chán nản|chán ngán|buồn cười|stress|tệ hại|quá tệ|tệ thật|không bao giờ mua lại|không quay lại|bye shop|1 sao|một sao|không ưng|ngán|oải|cạn lời|hết nói|bó tay|quá thất vọng|tiếc|tiếc thật",
      ),
    },
    benefit_monetary: {
      "+": words(
        "đáng tiền|đáng đồng tiền|đáng đồng tiền bát gạo|đáng mua|đáng để mua|đáng thử|đáng để thử|hợp lý|khuyến mãi|giảm giá|được giảm|giảm kha khá|giảm sâu|sale|voucher|mã giảm|mã giảm giá|hời|lời|xứng đáng|tương xứng|được tặng|tặng kèm|tặng thêm|quà tặng kèm|rẻ mà chất|ngon bổ rẻ|giá tốt|giá hợp lý|giá cả hợp lý|đáng giá|đáng giá từng đồng|tiết kiệm|tiết kiệm được|deal|săn sale|săn được|flash sale|hoàn xu|hoàn tiền xu|combo|mua 1 tặng 1|ưu đãi|quá hời|đáng đầu tư|giá hời|xứng tầm|nửa giá|bằng nửa giá|rẻ hơn nửa|giá sale|được giá|lời to|siêu hời|quá rẻ so với|xứng đáng từng đồng|chỉ bằng một nửa|bằng một nửa|một nửa giá|như hàng hiệu|đáng từng đồng",
      ),
      "-": words("phí tiền|lãng phí|tiền nào của nấy|cũng phí|uổng tiền|mất tiền oan|tiền mất tật mang|không xứng|không đáng|tiếc tiền|ném tiền qua cửa sổ|tốn tiền vô ích|bỏ ra từng ấy tiền|mất tiền|phí của|không đáng đồng nào|không đáng giá|giá không tương xứng|cao so với chất lượng|đắt so với chất lượng|chát so với chất lượng|mắc so với chất lượng|không xứng với giá|không bỏ nhiều tiền|không bỏ tiền|không mua lại với giá này"),
    },
    cost_money: {
      "+": words("giá rẻ|giá mềm|miễn phí vận chuyển|miễn phí ship|miễn phí giao hàng|free ship|freeship|miễn phí|giá sinh viên|rẻ hơn|bình dân|phải chăng|giá phải chăng|giá thấp|rẻ nhất|rẻ bất ngờ|giá hạt dẻ|giá rẻ bất ngờ"),
      "-": words(
        "đắt|mắc|chát|đắt đỏ|đắt hơn|mắc hơn|hét giá|chặt chém|giá cao|giá hơi cao|giá đắt|vô lý|tốn kém|tốn tiền|đội giá|phụ phí|phí ẩn|quá tay|gấp đôi|gấp ba|đắt gấp|đắt xắt ra miếng|cắt cổ|giá cắt cổ|thu thêm|tính thêm phí|mất thêm phí|thêm phí|tăng giá|lên giá|giá trên trời|không rẻ|trả phí|tự trả phí|mất phí|tốn phí|chịu phí|phí cao|phí ship cao|ship đắt|ship mắc|đắt hơn cả|mắc hơn cả|tiền ship đắt|vừa đắt|giá chát|giá hơi chát",
      ),
    },
    cost_time: {
      "+": words(
        "giao nhanh|ship nhanh|đúng hẹn|hỏa tốc|siêu tốc|thần tốc|nhanh chóng|nhận hàng nhanh|giao sớm|giao lẹ|đúng giờ|trong ngày|sáng đặt|tối đặt|hôm sau đã|hôm sau nhận|ngày hôm sau|hôm sau có|nhanh nhất|chớp nhoáng|nhanh như chớp|một ngày là|1 ngày là|hai ngày là|2 ngày là|giao liền|có liền|nhận liền|giao hàng nhanh|giao hàng siêu nhanh|chuẩn bị hàng nhanh|gửi hàng nhanh|đóng hàng nhanh|giao tận nơi|giao tận nhà|nhận ngay|có ngay|1 ngày|một ngày|sớm hơn dự kiến|về sớm|tới sớm|đến sớm|có hai ngày|có 2 ngày|chỉ hai ngày|chỉ 2 ngày|có 1 ngày|chỉ 1 ngày|xác nhận nhanh|duyệt đơn nhanh|tối qua đặt|đặt tối qua|hôm qua đặt|đặt hôm qua|sáng nay nhận|sáng nay đã nhận|chưa tới 24 giờ|chưa tới 24h|chưa đầy một ngày|chưa đầy 1 ngày|chưa tới một ngày|chưa tới 1 ngày|chưa đến một ngày|chưa tới hai ngày|chưa tới 2 ngày",
      ),
      "-": words(
        "chờ lâu|đợi lâu|chờ mãi|đợi mãi|chưa nhận được|chưa thấy hàng|chưa thấy|hoãn|bị hoãn|delay|trễ hẹn|lề mề|mòn mỏi|không thấy trả lời|không ai trả lời|không trả lời|không phản hồi|chờ dài cổ|đợi dài cổ|giao chậm|ship chậm|ship lâu|giao lâu|cả tuần|nửa tháng|cả tháng|mới nhận|mới nhận được|mới thấy hàng|mới tới|mới đến|mới có hàng|mới giao|ngày sau mới|tuần sau mới|quá lâu|chờ hoài|đợi hoài|giao trễ|giao muộn|nằm ở kho|nằm kho|không cập nhật|chờ cả|đợi cả|chậm trễ|rep chậm|trả lời chậm|phản hồi chậm|không đến|không tới|không thấy đâu|chưa thấy đâu|hẹn mấy lần|hẹn lần hẹn lữa|lần lữa|giao hàng chậm|giao hơi lâu|giao lâu quá|hơi lâu|mãi không thấy|mãi chưa|mãi mới|mãi mới nhận|chờ lấy hàng|chờ xác nhận|chờ giao|nằm im|không thấy cập nhật|tuần rồi mà|tháng rồi mà|gần tháng|gần 1 tháng|gần một tháng|hàng chậm|hàng về chậm|hàng tới chậm|hàng đến chậm|hàng lâu|hàng về lâu|hàng lâu về|lâu về|lâu tới|kẹt ở hải quan|kẹt hải quan|hải quan|kẹt ở kho|kẹt kho|giữ ở kho|hẹn hoài|dời lịch|hẹn lại|hẹn mãi|không thấy tới|không thấy đến|chưa thấy tới",
      ),
    },
    cost_effort: {
      "+": words(
        "dễ dùng|dễ sử dụng|dễ đặt|dễ lắp|dễ lắp đặt|dễ lắp ráp|dễ vệ sinh|dễ rửa|dễ giặt|tiện|tiện lợi|nhanh gọn|nhiệt tình|tận tình|hỗ trợ nhiệt tình|chu đáo|tư vấn nhiệt tình|tư vấn tận tình|đổi trả dễ|gọn lẹ|giải quyết|giải quyết nhanh|giải quyết vấn đề|không cần dụng cụ|hướng dẫn chi tiết|hướng dẫn dễ hiểu|dễ hiểu|thân thiện|hỗ trợ tốt|support tốt|rep nhanh|trả lời nhanh|phản hồi nhanh|đổi hàng nhanh|đổi size nhanh|tận tâm|chăm sóc khách hàng tốt|cắm là chạy|một chạm|1 chạm|rõ ràng|hướng dẫn rõ ràng|hướng dẫn tận tình|xử lý nhanh|hỗ trợ nhanh|giải quyết triệt để|dễ mua|theo dõi đơn dễ|dễ theo dõi|là xong|vài giây|vài giây là xong|vài phút là xong|một nốt nhạc|vài thao tác|vài cú click|vài cú nhấp|một cú click",
      ),
      "-": words(
        "khó dùng|khó sử dụng|phức tạp|rườm rà|rắc rối|phiền|phiền phức|mất công|lằng nhằng|bất tiện|tự ra bưu cục|phải tự|mất cả buổi|đăng nhập lại|gọi mãi|gọi mãi không ai nghe|khó đặt|khó lắp|khó lắp ráp|khó vệ sinh|loay hoay|vất vả|phải gọi|phải nhắn|phải hỏi|phải liên hệ|phải đi|phải ra|phải mang|phải chờ|gọi tổng đài|tạo tài khoản|bắt tạo tài khoản|đăng ký tài khoản|khó hiểu|không hiểu|không có hướng dẫn|thái độ|thái độ kém|thái độ tệ|cáu gắt|lồi lõm|bỏ mặc|không hỗ trợ|không giải quyết|đùn đẩy|hành|hành khách|mất thời gian|hướng dẫn sơ sài|mày mò|mò mãi|loay hoay mãi|không bắt máy|không nghe máy|không ai bắt máy|gửi về|phải gửi về|tự gửi|tự trả|đợi tổng đài|làm khó|gây khó dễ|khó khăn|phải đổi|đổi mãi|báo lỗi|lỗi app|app lỗi|không ai nghe|trả lời tự động|tự động trả lời|toàn bot|nhiều bước|quá nhiều bước|không tìm thấy|không tìm được|thanh toán không được|không thanh toán được|thanh toán lỗi|gọi điện mãi|app lỗi hoài|lỗi hoài|rối rắm|rối|không đổi được|không dò ra|không tìm thấy thiết bị|không kết nối được app|mấy lần mới|nhiều lần mới|ba lần mới|bốn lần mới|3 lần mới|4 lần mới|đăng xuất|tự đăng xuất|bắt xác minh|xác minh tài khoản|bắt đăng ký|báo sai|bị từ chối|từ chối|không liên hệ được|không liên lạc được|liên hệ không được|gửi mãi không đi|không gửi được",
      ),
    },
    cost_risk: {
      "+": words(
        "chính hãng|hàng thật|hàng auth|auth|bảo hành|có bảo hành|tem chống giả|kiểm tra hàng|được kiểm tra|được xem hàng|đồng kiểm|uy tín|tin tưởng|đáng tin|đáng tin cậy|an toàn|đóng gói cẩn thận|đóng gói kỹ|đóng gói kĩ|gói kỹ|gói kĩ|đóng gói chắc chắn|cẩn thận|không sợ|hóa đơn|nguồn gốc rõ ràng|rõ nguồn gốc|check được|check mã|chính chủ|giấy chứng nhận|chứng nhận|tem chính hãng|nguyên seal|còn seal|nguyên tem|đổi trả miễn phí|hoàn tiền nếu|bảo đảm|đảm bảo|chống sốc|bọc chống sốc|xuất xứ rõ ràng|bọc kỹ|bọc kĩ|bọc cẩn thận|bọc chắc chắn|bọc nhiều lớp|được bọc|gói cẩn thận|chống sốc kỹ|an toàn tuyệt đối|thanh toán khi nhận hàng|ship cod|cod|xem hàng trước|kiểm tra trước khi nhận|kiểm tra trước khi thanh toán|chưa bao giờ bị lừa|hàng real|real|đàng hoàng|làm ăn đàng hoàng|trung thực|hoàn tiền đầy đủ|hoàn tiền nhanh|được hoàn tiền|hoàn tiền không|da thật|niêm phong|màng niêm phong|có niêm phong|quấn xốp|xốp nổ|bọc xốp|quấn xốp nổ|bọc hàng kỹ|bọc hàng cẩn thận",
      ),
      "-": words(
        "hàng giả|giả|hàng nhái|nhái|fake|lừa|lừa đảo|bị lừa|scam|sợ|nghi|nghi ngờ|không rõ nguồn gốc|đánh giá ảo|bóc seal|bị bóc|đã qua sử dụng|hàng cũ|đắn đo|run run|hàng dựng|hàng đểu|đểu|lo|lo lắng|lo ngại|rủi ro|không dám tin|không chắc|không biết có phải|có người dùng|người dùng rồi|đã dùng rồi|xài rồi|hàng trưng bày|hàng tân trang|dựng lại|không đáng tin|mập mờ|không an toàn|nguy hiểm|hàng xách tay không rõ|mất hàng|thất lạc|không có tem|không có bảo hành|hết bảo hành|không bảo hành|sợ bị lừa|móp hộp|hộp móp|hộp bẹp|rách hộp|hộp rách|không chống sốc|không có tem nhãn|không tem|không nhãn|thật giả|không biết thật giả|hàng fake|rep 1:1|hàng rep|hàng replica|móp|bị móp|hàng bị tráo|bị tráo|tráo hàng|tài khoản ảo|review ảo|like ảo|đáng ngờ|dán băng keo lại|dán lại|bị dán lại|có dấu hiệu đã mở|đã bị mở",
      ),
    },
  },
  gifts: words(
    "làm quà|quà tặng|tặng|mua tặng|tặng mẹ|tặng bố|tặng vợ|tặng chồng|tặng bạn|tặng sếp|tặng người yêu|tặng con|tặng bé|tặng em|tặng anh|tặng chị|tặng bà|tặng ông|quà|biếu|quà sinh nhật|quà tặng sinh nhật|làm quà sinh nhật|mua cho mẹ|mua cho bố|mua cho vợ|mua cho chồng|mua cho con|mua cho bé|mua cho người yêu|mua cho bạn",
  ),
  topics: {
    benefit_functional: words(
      "chất lượng|sản phẩm|hàng|chất liệu|vải|màu|màu sắc|size|form|pin|máy|âm thanh|đường may|mùi|thiết kế|kiểu dáng|nắp|nồi|áo|quần|giày|dép|đồ|hình|mẫu|chất vải|đồng hồ|điện thoại|màn hình|camera|loa|tai nghe|làm mát|cơm|vị|hương|nước hoa|kem|da|bass|áo khoác|ốp lưng|ốp|nồi chiên|gối|chăn|nệm|bình|ấm|ấm siêu tốc|túi|balo|ví|dây|son|sữa rửa mặt|mỹ phẩm|đồ chơi|bàn phím|chuột|sạc|cáp|củ sạc|quạt|tủ|bàn|ghế|đèn|bóng đèn|dao|chảo|cốc|ly|hộp|bút|sách|vở|kính|mũ|nón|khẩu trang|tất|vớ|váy|đầm|sơ mi|quần jean|giày dép|dép|bánh|trà|cà phê|thức ăn|đồ ăn|món|hạt|trái cây|hoa quả|mỹ phẩm|dầu gội|sữa tắm|kết nối|bluetooth|wifi|sóng|động cơ|mô tơ|lưỡi|tay cầm|quai|khóa|khóa kéo|đế|nút|ảnh|công dụng|tác dụng|độ bền|túi xách|ví da|thắt lưng|dây chuyền|nhẫn|bông tai|vòng tay|kính mát|giày thể thao|sandal|dép tổ ong|áo thun|áo len|áo sơ mi|quần short|đồ ngủ|đồ lót|ga giường|chăn ga|gối ôm|khăn|khăn tắm|thảm|rèm|máy xay|máy sấy|máy lọc|nồi cơm|bếp|lò vi sóng|tủ lạnh|máy giặt|quạt điện|điều hòa|bình giữ nhiệt|cục sạc|sạc dự phòng|pin dự phòng|ốp điện thoại|miếng dán|kính cường lực|tai nghe bluetooth|đồng hồ thông minh|chuột không dây|laptop|máy tính|tivi|sữa|tã|bỉm|snack|bánh kẹo|rau|thịt|cá|gạo|nước mắm|tương ớt|mì|lưỡi dao|đế giày|nhựa|vỏ|khung",
    ),
    benefit_emotional: words("cảm giác|trải nghiệm|tâm trạng"),
    benefit_monetary: words("so với giá|so với giá tiền|với giá này|tầm giá|với số tiền|trong tầm giá|so với chất lượng"),
    cost_money: words("giá|giá cả|giá tiền|tiền|phí ship|phí vận chuyển|phí giao hàng|tiền ship|cước"),
    cost_time: words("giao hàng|giao|ship|vận chuyển|shipper|nhận hàng|trả lời|phản hồi|rep|tốc độ|thời gian giao|thời gian|đơn|kiện hàng|bưu kiện|đơn vị vận chuyển|giao vận|hàng về|hàng tới|hàng đến|xác nhận|xác nhận đơn|gửi hàng|lấy hàng"),
    cost_effort: words("đặt hàng|đặt|thanh toán|đổi trả|đổi hàng|trả hàng|hoàn tiền|cài đặt|lắp đặt|lắp|lắp ráp|hướng dẫn|app|ứng dụng|sử dụng|đăng nhập|nhân viên|tư vấn|chăm sóc khách hàng|hỗ trợ|tổng đài|chatbot|cách dùng|thủ tục|quy trình|theo dõi|theo dõi đơn|trang|trang web|website|web|hotline|địa chỉ|đổi địa chỉ|địa chỉ nhận hàng"),
    cost_risk: words("nguồn gốc|xuất xứ|đóng gói|bao bì|seal|tem"),
  },
  opinions: [
    { words: words("tốt|tốt lắm|ổn|ok|oke|hay|chắc|xuất sắc|đỉnh|ổn định|nét|rõ|đầy đủ|hoàn hảo|oách|đỉnh cao|good|nice|best|great|perfect|tốt nhất|mượt|nhạy|chuẩn xác"), pol: "+" },
    { words: words("êm|mềm mại|ấm áp"), pol: "+", fallback: "benefit_functional" },
    { words: words("cao"), pol: "+", per: { cost_money: "-", benefit_monetary: "-" } },
    { words: words("chuẩn|xịn|ngon|chất|chỉn chu"), pol: "+", per: { cost_money: "-" }, fallback: "benefit_functional" },
    { words: words("xấu|kém|tệ|dở|tồi|thấp|có vấn đề|vấn đề|thô|bad|dở tệ|xấu xí|kém cỏi|yếu|sơ sài|ồn"), pol: "-", per: { cost_money: "+" }, fallback: "benefit_functional" },
    { words: words("đẹp|xinh|xinh xắn|đẹp xuất sắc|đẹp mắt|bắt mắt|lung linh|sang xịn"), pol: "+", fallback: "benefit_functional" },
    { words: words("nhanh|rất nhanh|siêu nhanh|nhanh lắm|nhanh quá|lẹ|nhanh nhẹn|sớm|kịp|kịp thời"), pol: "+", fallback: "cost_time" },
    { words: words("chậm|lâu|trễ|muộn|chậm quá|lâu quá|chậm chạp|rùa bò"), pol: "-", per: { benefit_functional: "+" }, fallback: "cost_time" },
    { words: words("dễ|đơn giản|thuận tiện|dễ dàng"), pol: "+", fallback: "cost_effort" },
    { words: words("khó|lâu la"), pol: "-", fallback: "cost_effort" },
    { words: words("rẻ tiền|nhìn rẻ tiền|trông rẻ tiền"), pol: "-", fallback: "benefit_social" },
    { words: words("quá đáng"), pol: "-" },
    { words: words("mệt mỏi|mệt|khó chịu"), pol: "-", fallback: "benefit_emotional" },
    { words: words("tuyệt vời|tuyệt"), pol: "+", fallback: "benefit_emotional" },
    { words: words("rẻ|mềm"), pol: "+", fallback: "cost_money" },
    { words: words("tăng"), pol: "-" },
    { words: words("yên tâm|an tâm|vững tâm"), pol: "+", fallback: "benefit_emotional", only: ["cost_risk"] },
  ],
  negators: words("không|chẳng|chả|chưa|không hề|chẳng hề|chưa hề|đâu có|không có|chưa bao giờ|không bao giờ|chưa có|chẳng có|không được|chưa được|thiếu"),
  contrasts: words("nhưng|nhưng mà|tuy nhiên|mà|tuy|có điều|song|cơ mà|nhưng được cái|được cái|bù lại|ngược lại|trái lại|ngoại trừ|ngoài ra"),
  intensifiers: words(
    "rất|quá|lắm|hơi|cực|cực kỳ|cực kì|siêu|vô cùng|thật|thật sự|khá|cũng|luôn|nha|nhé|ạ|á|vl|vcl|vãi|quá trời|dã man|kinh khủng|thế|vậy|là|bị|được|thì|nên|có|chút|một chút|tí|xíu|lắm luôn|mấy|nhiều|đều|vẫn|còn|nữa|cho lắm|hẳn|ghê|cực kì|quá xá|hết sảy|hết nấc|siêu cấp|khủng khiếp|đỉnh của chóp|ơi|nhỉ|nè|đó|này|cái|chiếc|con|những|các|mình|em|anh|chị|shop ơi",
  ),
  neutrals: words("ủng hộ|không khí|cửa hàng|đơn hàng|đặt hàng lại|nhận hàng rồi|không biết|gia đình|hàng xóm|hàng ngày|hằng ngày|ngày mai|mua hàng|mặt hàng|hàng tháng|hàng tuần|không sao|không vấn đề|chưa dùng|chưa dùng thử|chưa sử dụng|chưa mở|sẽ đánh giá sau|đánh giá sau|tạm được|chuẩn bị|cảm ơn|cám ơn|nhà quê|ở quê|về quê|dưới quê|quê nhà|quê mình|hay bị|như cam kết|thắc mắc"),
  slang: {
    ko: "không", k: "không", kh: "không", khg: "không", hok: "không", hông: "không", hem: "không", khum: "không", hk: "không", kg: "không", khong: "không", kô: "không", hổng: "không",
    dc: "được", đc: "được", dk: "được", đk: "được", đươc: "được", dx: "được", đx: "được",
    sp: "sản phẩm", nv: "nhân viên", j: "gì", vs: "với", mn: "mọi người", sz: "size", wa: "quá", qa: "quá", lun: "luôn", r: "rồi", okela: "ok", oki: "ok", okie: "ok", okay: "ok", oce: "ok",
    xài: "dùng", sài: "dùng", bh: "bảo hành", bhanh: "bảo hành", sốp: "shop", sh: "shop", fb: "facebook", ns: "nói", bt: "bình thường", bth: "bình thường", trc: "trước", ntn: "như thế nào", tl: "trả lời", sđt: "số điện thoại", sdt: "số điện thoại", cx: "cũng", cg: "cũng", nhma: "nhưng mà", nma: "nhưng mà", nhg: "nhưng", mk: "mình", ms: "mới", hqua: "hôm qua", "10p": "10 phút",
  },
  plain: {
    expressions: {
      cost_money: { "-": words("dat qua|qua dat|hoi dat|dat lam|dat hon|dat vl|dat xiu|dat the|gia dat|mac qua|hoi mac|mac hon|mac vl|gia mac|mac lam|mac gap|dat gap|gia chat|chat qua|gia hoi chat|ko re|khong re|vua dat|vua mac"), "+": words("gia re|re hon|re qua|re lam|hang re|re ma|re nua|kha re|rat re|re vl|re bat ngo") },
      cost_effort: { "+": words("de dat|de dung|de su dung|de lap|de lap rap|de lam|rat de|de dang|de xai|de ve sinh|de hieu|de order"), "-": words("kho dat|kho dung|kho su dung|kho lap|kho hieu|rat kho|kho qua|kho khan|kho xai") },
      benefit_functional: {
        "+": words("vai mem|mem mai|mem min|ben lam|rat ben|ben qua|do ben|ben dep|ben bi|cung ben|ben|chay em|em ai|em ru|vai mat|mat me|mac mat|hang xin|xin xo|xin lam|xin|size vua|mac vua|vua van|vua chan|vua nguoi|vua khit|vua tay|chay on|tam on|van on|on dinh|rat on|kha on|on ap"),
        "-": words("la hu|bi hu|hu roi|hu luon|hu mat|de vo|dut quai|am thanh re|keu re|re re|bi re|mac chat|chat qua|hoi chat|bi loi|hang loi|loi ky thuat|loi roi|may loi|sp loi|loi hoai|phai mau|bi phai|ro nuoc|ro ri|bi ro|vai mong|mong qua|hoi mong|rat mong|mong te|bi vo|vo nat|vo roi|vo het|bi be|on ao|kem chat luong|hang kem|rat kem|qua kem|chat luong kem|pin yeu"),
      },
      benefit_social: { "+": words("sang trong|nhin sang|trong sang|sang chanh|rat sang|sang lam|khen dep|like"), "-": words("re tien|nhin re tien|trong re tien|nhin que|que mua") },
      benefit_emotional: { "+": words("me lam|me tit|rat me|rat ung|ung lam|ung y|ung qua|ung lien|ung luon|yeu thich|rat yeu|yeu lam|yeu shop|iu|thik|thich"), "-": words("chan qua|chan lam|chan that|that chan|chan ghe|chan ko mua|chan khong mua") },
      benefit_monetary: { "+": words("rat hoi|qua hoi|hoi vl|loi to|duoc tang|tang kem|tang them|duoc giam|giam kha kha") },
      cost_time: { "+": words("sang dat|giao le|ship le|nhan le"), "-": words("ko thay toi|khong thay toi|chua thay toi|vua lau|giao tre|tre hen|bi tre|tre qua|giao muon|lau qua|cho lau|ship lau|giao lau|lau vl|lau lam|lau the|qua lau|doi lau|lau ghe|moi nhan|moi toi|moi thay hang|hoi lau|rat lau|lau xiu") },
      cost_risk: { "-": words("hang gia|do gia|nghi gia|nghi ngo|nghi la|nghi hang|hoi lo|lo lang|lo ngai|so mua|so bi|so la|so hang|so gia|so nhan|lua dao|bi lua|shop lua|lua dao|ko chac|khong chac"), "+": words("chong gia|tem chong gia|khong so|an tam") },
    },
    gifts: words("tang me|tang bo|tang vo|tang chong|tang ban|tang sep|tang nguoi yeu|tang ban gai|tang ban trai|tang con|tang be|lam qua tang|qua tang|mua tang|de tang|lam qua"),
    topics: { cost_money: words("gia|gia ca|gia tien"), cost_effort: words("dat hang|dat mua"), benefit_functional: words("am thanh") },
    opinions: [
      { words: words("on"), pol: "+" },
      { words: words("dep|dep lam|rat dep|dep qua"), pol: "+", fallback: "benefit_functional" },
    ],
    contrasts: words("nhung|nhung ma|nhma|nma"),
    neutrals: words("ung ho|ben shop|ben trong|ben ngoai|buoi sang|sang nay|sang mai|so voi|so luong|so sanh|hoi shop|hoi mua|muon mua|me toi|me minh|em gai|em trai|cham diem|cham sao|de lai|de danh|de mua|de dung|toi nay|toi qua|loi khuyen|tra loi|cam on|cam on shop"),
  },
  plainBlocked: words("mung|roi|tiec|dot|nhat|het|hoi|em|xin|phai|so|lo|sang|mac|dat|re|chat|tre|muon|lua|mat|vua|me|chac|lau|toi|tho|kho|de|nghi|vo|be|mong|loi|tang|yeu|ro|do|kem|on|thieu|mem|cam|nhan|ban|lam|dung|da|tuyet|chan|hu|quen|giam"),
  adjectiveAfterNoun: true,
};

export const ASPECT_LEXICONS: Record<Locale, AspectLexicon> = { en: EN, vi: VI };
